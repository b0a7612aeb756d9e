import { Connection } from 'rabbitmq-client';

export type { AsyncMessage, Connection, Consumer, Publisher } from 'rabbitmq-client';
export { ConsumerStatus } from 'rabbitmq-client';

export function createAmqp(url: string, options: { connectionName: string }): Connection {
  return new Connection({
    url,
    connectionName: options.connectionName,
    // Reconnect quickly after a broker restart, but never give up.
    retryLow: 250,
    retryHigh: 5_000,
  });
}
