import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KnexTimeoutError, knex } from 'knex';
import { createServer } from 'node:net';
import { testDatabaseIds } from '../__testUtils__/databases';
import { describeDependency, unavailableCause } from './unavailableCause';

const coded = (message: string, code: string) =>
  Object.assign(new Error(message), { code });

/** A pg error as knex rethrows it: the SQL, ` - `, the server's message. */
const postgres = (code: string, message: string) =>
  Object.assign(new Error(`select * from "platform_resources" - ${message}`), {
    code,
    severity: 'FATAL',
  });

/** What a Backstage client throws for an answer that is not ok. */
async function responseError(
  url: string,
  status: number,
  remote: Record<string, unknown>,
) {
  const response = new Response(
    JSON.stringify({
      error: remote,
      request: { method: 'POST', url: '/authorize' },
      response: { statusCode: status },
    }),
    { status, headers: { 'content-type': 'application/json' } },
  );
  Object.defineProperty(response, 'url', { value: url });
  return ResponseError.fromResponse(response);
}

const PERMISSION = 'http://localhost:7007/api/permission/authorize';
const USER_INFO = 'http://localhost:7007/api/auth/v1/userinfo';

/** A localhost port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('unavailableCause', () => {
  describe('the database out of reach', () => {
    it.each([
      [
        'connection refused',
        coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      ],
      ['connection reset', coded('read ECONNRESET', 'ECONNRESET')],
      ['connection aborted', coded('socket hang up', 'ECONNABORTED')],
      [
        'connect timed out',
        coded('connect ETIMEDOUT 10.0.0.5:5432', 'ETIMEDOUT'),
      ],
      ['broken pipe', coded('write EPIPE', 'EPIPE')],
      [
        'host unreachable',
        coded('connect EHOSTUNREACH 10.0.0.5:5432', 'EHOSTUNREACH'),
      ],
      [
        'network unreachable',
        coded('connect ENETUNREACH 10.0.0.5:5432', 'ENETUNREACH'),
      ],
      ['name gone from DNS', coded('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
      ['DNS not answering', coded('getaddrinfo EAI_AGAIN db', 'EAI_AGAIN')],
      [
        'refused on every address of localhost',
        Object.assign(
          new AggregateError([
            coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
            coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
          ]),
          { code: 'ECONNREFUSED' },
        ),
      ],
      [
        'refused on every address, without a code on the aggregate',
        new AggregateError([
          coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
        ]),
      ],
      [
        '57P01 admin_shutdown',
        postgres(
          '57P01',
          'terminating connection due to administrator command',
        ),
      ],
      [
        '57P02 crash_shutdown',
        postgres(
          '57P02',
          'terminating connection because of crash of another server process',
        ),
      ],
      [
        '57P03 shutting down',
        postgres('57P03', 'the database system is shutting down'),
      ],
      [
        '57P03 starting up',
        postgres('57P03', 'the database system is starting up'),
      ],
      [
        '53300 too many connections',
        postgres('53300', 'sorry, too many clients already'),
      ],
      ['08000 connection_exception', postgres('08000', 'connection exception')],
      [
        '08003 connection_does_not_exist',
        postgres('08003', 'connection does not exist'),
      ],
      ['08006 connection_failure', postgres('08006', 'connection failure')],
      [
        '08001 cannot establish',
        postgres('08001', 'could not connect to server'),
      ],
      ['08P01 protocol_violation', postgres('08P01', 'protocol violation')],
      [
        'pg: connection terminated unexpectedly',
        new Error('Connection terminated unexpectedly'),
      ],
      ['pg: connection terminated on end', new Error('Connection terminated')],
      [
        'pg-pool: connect timeout',
        new Error('Connection terminated due to connection timeout'),
      ],
      [
        'pg: connection ended unexpectedly',
        new Error('Connection ended unexpectedly'),
      ],
      [
        'pg: broken client reused',
        new Error(
          'Client has encountered a connection error and is not queryable',
        ),
      ],
      [
        'pg-pool: timeout',
        new Error('timeout exceeded when trying to connect'),
      ],
      [
        'knex: pool acquire timeout',
        new KnexTimeoutError(
          'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
        ),
      ],
      [
        'wrapped by a ForwardedError',
        new ForwardedError(
          'Could not load the resource',
          coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
        ),
      ],
      [
        'wrapped with a cause',
        new Error('Could not claim work', {
          cause: postgres(
            '57P01',
            'terminating connection due to administrator command',
          ),
        }),
      ],
    ])('%s', (_, error) => {
      expect(unavailableCause(error)).toEqual({
        dependency: 'database',
        detail: expect.any(String),
      });
    });

    it('keeps the driver message and the code, not the SQL, for the log', () => {
      expect(
        unavailableCause(
          postgres(
            '57P01',
            'terminating connection due to administrator command',
          ),
        ),
      ).toEqual({
        dependency: 'database',
        detail: '57P01 terminating connection due to administrator command',
      });
      expect(
        unavailableCause(
          coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
        )?.detail,
      ).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    });
  });

  describe('a service the platform calls', () => {
    it.each([
      [
        'permission answers 503',
        PERMISSION,
        503,
        { name: 'ServiceUnavailableError', message: 'down' },
        'permission',
      ],
      [
        'permission answers 502',
        PERMISSION,
        502,
        { name: 'Error', message: 'bad gateway' },
        'permission',
      ],
      [
        'permission answers 504',
        PERMISSION,
        504,
        { name: 'Error', message: 'gateway timeout' },
        'permission',
      ],
      [
        'user info answers 500, its database refused',
        USER_INFO,
        500,
        {
          name: 'Error',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
          code: 'ECONNREFUSED',
        },
        'auth',
      ],
      [
        'user info answers 500 with the filtered database error',
        USER_INFO,
        500,
        {
          name: 'Error',
          message: 'An internal error occurred logId=0123456789abcdef0123',
        },
        'auth',
      ],
      [
        'permission answers 500 because user info answered 500',
        PERMISSION,
        500,
        {
          name: 'ResponseError',
          message: 'Request failed with 500 Internal Server Error',
          statusCode: 500,
          cause: {
            name: 'error',
            message: 'the database system is shutting down',
            code: '57P03',
          },
        },
        'permission',
      ],
      [
        'catalog answers 500, pool timeout',
        'http://localhost:7007/api/catalog/entities/by-refs',
        500,
        {
          name: 'KnexTimeoutError',
          message:
            'Knex: Timeout acquiring a connection. The pool is probably full.',
        },
        'catalog',
      ],
      [
        'a URL without a plugin',
        'http://gateway.internal/authorize',
        503,
        { name: 'Error', message: 'down' },
        'backend',
      ],
    ])('%s', async (_, url, status, remote, dependency) => {
      const error = await responseError(url, status, remote);
      expect(unavailableCause(error)).toEqual({
        dependency,
        detail: expect.stringContaining(`answered ${status}`),
      });
    });

    it.each([
      [
        'fetch failed: refused',
        new TypeError('fetch failed', {
          cause: coded('connect ECONNREFUSED 127.0.0.1:7007', 'ECONNREFUSED'),
        }),
      ],
      [
        'fetch failed: the socket closed',
        new TypeError('fetch failed', {
          cause: coded('other side closed', 'UND_ERR_SOCKET'),
        }),
      ],
      [
        'fetch failed: connect timeout',
        new TypeError('fetch failed', {
          cause: coded('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'),
        }),
      ],
      ['a ServiceUnavailableError', new ServiceUnavailableError('not ready')],
    ])('%s', (_, error) => {
      expect(unavailableCause(error)).toEqual({
        dependency: 'backend',
        detail: expect.any(String),
      });
    });
  });

  describe('real failures', () => {
    it('knex against a port where nothing listens', async () => {
      const db = knex({
        client: 'pg',
        connection: { host: '127.0.0.1', port: await closedPort(), user: 'x' },
        pool: { min: 0, max: 1 },
        log: { warn: () => {} },
      });
      try {
        const error = await rejection(db.raw('select 1'));
        expect(unavailableCause(error)?.dependency).toBe('database');
      } finally {
        await db.destroy();
      }
    });

    it('knex waiting longer than the acquire timeout for a connection', async () => {
      const db = knex({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: { min: 1, max: 1 },
        acquireConnectionTimeout: 50,
        log: { warn: () => {} },
      });
      try {
        const transaction = await db.transaction();
        const error = await rejection(db.raw('select 1'));
        await transaction.rollback();
        expect(error).toBeInstanceOf(KnexTimeoutError);
        expect(unavailableCause(error)?.dependency).toBe('database');
      } finally {
        await db.destroy();
      }
    });

    it('fetch to a port where nothing listens', async () => {
      const error = await rejection(
        fetch(
          `http://127.0.0.1:${await closedPort()}/api/permission/authorize`,
        ),
      );
      expect(unavailableCause(error)?.dependency).toBe('backend');
    });
  });

  (testDatabaseIds().includes('POSTGRES_15') ? describe : describe.skip)(
    'on PostgreSQL',
    () => {
      it('the server ending the session (57P01), then the pool reconnecting', async () => {
        const db = knex({
          client: 'pg',
          connection:
            process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
          pool: { min: 0, max: 1 },
          log: { warn: () => {} },
        });
        try {
          const ended = await rejection(
            db.raw('select pg_terminate_backend(pg_backend_pid())'),
          );
          expect(unavailableCause(ended)).toEqual({
            dependency: 'database',
            detail: expect.stringContaining('57P01'),
          });
          // The pool may hand out the killed connection once more, which
          // fails as `Connection terminated unexpectedly`; then it reconnects.
          const next = await db.raw('select 1').then(
            () => 'answered',
            error => unavailableCause(error)?.dependency,
          );
          expect(['answered', 'database']).toContain(next);
          await expect(db.raw('select 1')).resolves.toBeDefined();
        } finally {
          await db.destroy();
        }
      });
    },
  );

  describe('not an outage', () => {
    const cyclic = new Error('loops');
    (cyclic as { cause?: unknown }).cause = cyclic;

    it.each([
      ['a bad request', new InputError('name is required')],
      ['not found', new NotFoundError('no such resource')],
      ['a conflict', new ConflictError('name taken')],
      ['not allowed', new NotAllowedError('not your team')],
      ['not signed in', new AuthenticationError('no token')],
      [
        'a bug',
        new TypeError("Cannot read properties of undefined (reading 'id')"),
      ],
      ['any error', new Error('boom')],
      [
        'unique violation',
        postgres('23505', 'duplicate key value violates unique constraint'),
      ],
      [
        'missing table',
        postgres('42P01', 'relation "platform_resources" does not exist'),
      ],
      [
        'serialization failure',
        postgres('40001', 'could not serialize access'),
      ],
      [
        'query cancelled',
        postgres('57014', 'canceling statement due to statement timeout'),
      ],
      [
        'SQLite constraint',
        coded('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'),
      ],
      ['SQLite busy', coded('database is locked', 'SQLITE_BUSY')],
      [
        'fetch failed on a certificate',
        new TypeError('fetch failed', {
          cause: coded('self-signed certificate', 'SELF_SIGNED_CERT_IN_CHAIN'),
        }),
      ],
      ['a cause that loops', cyclic],
      ['undefined', undefined],
      ['null', null],
      ['a string', 'ECONNREFUSED'],
    ])('%s', (_, error) => {
      expect(unavailableCause(error)).toBeUndefined();
    });

    it.each([
      [500, { name: 'Error', message: 'boom' }],
      [500, { name: 'TypeError', message: 'x is not a function' }],
      [400, { name: 'InputError', message: 'bad' }],
      [401, { name: 'AuthenticationError', message: 'expired' }],
      [403, { name: 'NotAllowedError', message: 'no' }],
      [404, { name: 'NotFoundError', message: 'gone' }],
      [409, { name: 'ConflictError', message: 'taken' }],
    ])('a call answered %s (%j)', async (status, remote) => {
      expect(
        unavailableCause(await responseError(PERMISSION, status, remote)),
      ).toBeUndefined();
    });
  });

  it('names what is out of reach', () => {
    expect(describeDependency({ dependency: 'database' })).toBe('its database');
    expect(describeDependency({ dependency: 'permission' })).toBe(
      'the permission service',
    );
    expect(describeDependency({ dependency: 'backend' })).toBe(
      'another backend service',
    );
  });
});
