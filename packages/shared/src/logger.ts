import winston from 'winston';

import type { Config } from './config.js';

export type Logger = winston.Logger;

export function createLogger(options: Config['logging'] & { service: string; silent?: boolean }): Logger {
  const format =
    options.format === 'json'
      ? winston.format.combine(
          winston.format.timestamp(),
          winston.format.errors({ stack: true }),
          winston.format.json(),
        )
      : winston.format.combine(
          winston.format.timestamp(),
          winston.format.errors({ stack: true }),
          winston.format.printf(({ timestamp, level, message, service, stack, ...rest }) => {
            const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
            return `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${extra}${stack ? `\n${String(stack)}` : ''}`;
          }),
        );
  return winston.createLogger({
    level: options.level,
    format,
    defaultMeta: { service: options.service },
    silent: options.silent ?? false,
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })],
  });
}
