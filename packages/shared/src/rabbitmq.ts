import { Connection } from 'rabbitmq-client';

export type { AsyncMessage, Connection, Consumer, Publisher } from 'rabbitmq-client';
export { ConsumerStatus } from 'rabbitmq-client';

/**
 * A connection that reconnects by itself. `onError` is required: an 'error'
 * event without a listener (the broker going away, say) would crash the process.
 */
export function createAmqp(
  url: string,
  options: { connectionName: string; onError: (error: unknown) => void },
): Connection {
  const connection = new Connection({
    url,
    connectionName: options.connectionName,
    // Reconnect quickly after a broker restart, but never give up.
    retryLow: 250,
    retryHigh: 5_000,
  });
  connection.on('error', options.onError);
  return connection;
}

/**
 * Whether the broker connection is open, from the connection's own events.
 * `Connection.ready` also reads false while the socket is corked for a
 * write, which a busy connection often is.
 */
export function trackBrokerConnection(connection: Connection): () => boolean {
  let connected = connection.ready;
  connection.on('connection', () => (connected = true));
  // Emitted when an open connection is lost or a connection attempt fails.
  connection.on('error', () => (connected = false));
  return () => connected;
}
