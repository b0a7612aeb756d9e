import type { Config, Connection, Logger, Sql } from '@mtm/shared';

import type { ControlPublisher } from './control-publisher.js';
import type { MessagePublisher } from './message-publisher.js';

/** What the route handlers need; built once by createApi. */
export interface ApiContext {
  config: Config;
  sql: Sql;
  amqp: Connection;
  logger: Logger;
  messagePublisher: MessagePublisher;
  controlPublisher: ControlPublisher;
  /** How long a broker operation may take before the request answers 503. */
  brokerTimeout: number;
  /** True from the moment a graceful stop begins. */
  isStopping: () => boolean;
}
