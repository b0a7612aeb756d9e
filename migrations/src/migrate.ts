import { fileURLToPath } from 'node:url';

import { runner } from 'node-pg-migrate';
import postgres from 'postgres';

const MIGRATIONS_DIR = fileURLToPath(new URL('../sql', import.meta.url));

export interface MigrateOptions {
  log?: (message: string) => void;
}

/**
 * Creates the database named in `databaseUrl` when it is missing, connecting
 * to the server's `postgres` database to do so.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (name === '') throw new Error('the database URL names no database');
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ exists: boolean }[]>`
      select exists (select 1 from pg_database where datname = ${name}) as exists`;
    if (!row!.exists) {
      try {
        await admin`create database ${admin(name)}`;
      } catch (error) {
        // Another process created it between the check and the create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Applies every pending migration; safe to run from several processes at once. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    log: options.log ?? (() => {}),
  });
  return applied.map((migration) => migration.name);
}
