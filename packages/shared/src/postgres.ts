import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** A connection or a transaction: what repository functions take first. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export function createSql(url: string, options: { max: number; applicationName: string }): Sql {
  return postgres(url, {
    max: options.max,
    connection: { application_name: options.applicationName },
    // Notices such as "relation already exists, skipping" are expected in idempotent DDL.
    onnotice: () => {},
  });
}

/** SQLSTATE classes that mean the database is unreachable or restarting, not that the data is bad. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now
    code === '53300' || // too_many_connections
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_ENDED' ||
    code === 'CONNECTION_DESTROYED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'EPIPE'
  );
}
