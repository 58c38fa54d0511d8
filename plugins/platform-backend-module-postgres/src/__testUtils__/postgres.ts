const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The PostgreSQL server the tests run against. In CI a missing server is an
 * error, never a silent skip; elsewhere the tests that need one are skipped
 * with the reason printed.
 */
export function testConnectionString(): string | undefined {
  const connectionString = process.env[POSTGRES_ENV];
  if (connectionString) {
    return connectionString;
  }
  if (process.env.CI) {
    throw new Error(
      `${POSTGRES_ENV} is not set; CI must run the PostgreSQL provisioner tests`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the PostgreSQL provisioner tests: set ${POSTGRES_ENV} (for example postgresql://postgres@127.0.0.1:5432) to run them`,
  );
  return undefined;
}

/** The `platform.postgres` configuration that points at a connection string. */
export function serverConfigOf(connectionString: string) {
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database: decodeURIComponent(url.pathname.slice(1) || 'postgres'),
  };
}
