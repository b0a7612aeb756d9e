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
