// The PostgreSQL server at 127.0.0.1:5432 (user postgres, trust auth): the
// backends' plugin databases of a run, and what the PostgreSQL provisioner
// created on it. The benchmarks (bench/) use it too.
const path = require('node:path');
const { Client, escapeIdentifier } = require(require.resolve('pg', {
  paths: [path.resolve(__dirname, '../..')],
}));

const server = {
  host: process.env.RELIABILITY_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.RELIABILITY_PG_PORT ?? 5432),
  user: process.env.RELIABILITY_PG_USER ?? 'postgres',
};

async function withAdmin(fn) {
  return withDatabase('postgres', fn);
}

/** A connection to one database of the server, closed after `fn`. */
async function withDatabase(database, fn) {
  const client = new Client({ ...server, database });
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

/** `backend.database` of a backend whose plugin databases start with `prefix`. */
function backendDatabase(prefix) {
  return {
    client: 'pg',
    connection: { ...server },
    prefix,
    // Two backends with a pool per plugin would otherwise come close to the
    // server's 100 connections; the platform plugin gets more.
    knexConfig: { pool: { min: 0, max: 4 } },
    plugin: { platform: { knexConfig: { pool: { min: 0, max: 12 } } } },
  };
}

async function createDatabase(name) {
  await withAdmin(c => c.query(`create database ${escapeIdentifier(name)}`));
}

/** Names of databases that start with `prefix`. */
async function databasesStartingWith(prefix) {
  return withAdmin(async c => {
    const { rows } = await c.query(
      'select datname from pg_database where starts_with(datname, $1) order by 1',
      [prefix],
    );
    return rows.map(r => r.datname);
  });
}

/**
 * Databases and roles whose names start with `prefix`, with their comments:
 * `{ databases: [{name, comment, owner}], roles: [{name, comment}] }`.
 */
async function provisionedObjects(prefix) {
  return withAdmin(async c => {
    const databases = await c.query(
      `select datname as name, shobj_description(oid, 'pg_database') as comment,
              pg_get_userbyid(datdba) as owner
         from pg_database where starts_with(datname, $1) order by 1`,
      [prefix],
    );
    const roles = await c.query(
      `select rolname as name, shobj_description(oid, 'pg_authid') as comment
         from pg_roles where starts_with(rolname, $1) order by 1`,
      [prefix],
    );
    return { databases: databases.rows, roles: roles.rows };
  });
}

/** Drops databases starting with `prefix` (WITH FORCE), then such roles. */
async function dropStartingWith(prefix, { roles = false } = {}) {
  return withAdmin(async c => {
    const dropped = [];
    for (const name of await databasesStartingWith(prefix)) {
      await c.query(
        `drop database if exists ${escapeIdentifier(name)} with (force)`,
      );
      dropped.push(name);
    }
    if (roles) {
      const { rows } = await c.query(
        'select rolname from pg_roles where starts_with(rolname, $1)',
        [prefix],
      );
      for (const { rolname } of rows) {
        await c.query(`drop role if exists ${escapeIdentifier(rolname)}`);
        dropped.push(rolname);
      }
    }
    return dropped;
  });
}

/** Open connections to the server (to see that none leak). */
async function connectionCount() {
  return withAdmin(async c => {
    const { rows } = await c.query(
      'select count(*)::int as n from pg_stat_activity where backend_type = $1',
      ['client backend'],
    );
    return rows[0].n;
  });
}

module.exports = {
  server,
  reachable,
  backendDatabase,
  createDatabase,
  databasesStartingWith,
  provisionedObjects,
  dropStartingWith,
  connectionCount,
  withAdmin,
  withDatabase,
};
