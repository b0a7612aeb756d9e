import { ConfigError, loadConfig } from '@mtm/shared';

import { migrate } from './migrate.js';

try {
  const config = loadConfig({ env: process.env });
  const applied = await migrate(config.database.url, { log: (message) => console.log(message) });
  console.log(applied.length === 0 ? 'schema is up to date' : `applied ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
