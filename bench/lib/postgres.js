// The local PostgreSQL server (127.0.0.1:5432, user postgres, trusted):
// plugin databases of a benchmark backend, and clean-up by name prefix.
const { Client, escapeIdentifier } = require('pg');

const server = {
  host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.BENCH_PG_PORT ?? 5432),
  user: process.env.BENCH_PG_USER ?? 'postgres',
};

async function withAdmin(fn) {
  const client = new Client({ ...server, database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function reachable() {
  try {
    await withAdmin(c => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

/** `backend.database` for a backend whose plugin databases start with `prefix`. */
function backendDatabase(prefix) {
  return {
    client: 'pg',
    connection: { ...server },
    prefix,
    // A pool per plugin: keep the total well under the server's
    // max_connections, which other work on this machine shares.
    knexConfig: { pool: { min: 0, max: 4 } },
    plugin: { platform: { knexConfig: { pool: { min: 0, max: 10 } } } },
  };
}

async function createDatabase(name) {
  await withAdmin(c => c.query(`create database ${escapeIdentifier(name)}`));
}

/** Drops every database whose name starts with `prefix`; returns their names. */
async function dropDatabasesStartingWith(prefix) {
  return withAdmin(async c => {
    const { rows } = await c.query(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await c.query(
        `drop database if exists ${escapeIdentifier(datname)} with (force)`,
      );
    }
    return rows.map(r => r.datname);
  });
}

/** Drops databases, then roles, whose names start with `prefix`. */
async function dropDatabasesAndRolesStartingWith(prefix) {
  const databases = await dropDatabasesStartingWith(prefix);
  const roles = await withAdmin(async c => {
    const { rows } = await c.query(
      'select rolname from pg_roles where starts_with(rolname, $1)',
      [prefix],
    );
    for (const { rolname } of rows) {
      await c.query(`drop owned by ${escapeIdentifier(rolname)}`);
      await c.query(`drop role if exists ${escapeIdentifier(rolname)}`);
    }
    return rows.map(r => r.rolname);
  });
  return { databases, roles };
}

module.exports = {
  server,
  withAdmin,
  reachable,
  backendDatabase,
  createDatabase,
  dropDatabasesStartingWith,
  dropDatabasesAndRolesStartingWith,
};
