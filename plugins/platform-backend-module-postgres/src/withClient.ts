import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { Client, QueryResult, QueryResultRow } from 'pg';

/**
 * No statement here should take long; this bounds each one, so that a server
 * that stops answering half-way does not hold on to a caller whose signal
 * never aborts (a health check, for one).
 */
const queryTimeoutMs = 60_000;

/** How the platform's sessions show in pg_stat_activity. */
const applicationName = 'backstage-platform';

/**
 * A server, a user and a database to open a connection to.
 */
export interface ConnectionTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  connectTimeoutMs: number;
}

/**
 * How to open a connection and what to do when that fails.
 */
export interface ClientOptions {
  target: ConnectionTarget;
  /**
   * Stops the work when it aborts: the statement running on the server is
   * cancelled and no further statement is sent.
   */
  signal: AbortSignal;
  logger: LoggerService;
  /** Turns a failure to connect into the error the caller reports. */
  connectFailure(cause: Error): Error;
}

/**
 * A connection that sends statements until its signal aborts.
 */
export interface Session {
  query<R extends QueryResultRow = any>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

/**
 * Runs `use` over a connection and always closes the connection after.
 *
 * Connecting gives up after the target's timeout, or as soon as the signal
 * aborts: pg leaves a connection attempt that is ended half-way unsettled,
 * so that abort is raced rather than awaited. Once connected, an abort
 * cancels the statement the server is running (`pg_cancel_backend`, from a
 * second connection) and refuses further statements; the call rejects with
 * the abort's reason once `use` has settled, so nothing of it runs on after.
 * Only when the cancellation cannot reach the server does the call stop
 * waiting for `use`.
 */
export async function withClient<T>(
  options: ClientOptions,
  use: (session: Session) => Promise<T>,
): Promise<T> {
  const { target, signal, logger } = options;
  signal.throwIfAborted();
  const client = connection(target, queryTimeoutMs);
  // Without a listener, a connection the server drops would take the
  // process down with an unhandled 'error' event.
  client.on('error', error =>
    logger.warn(
      `Connection to PostgreSQL at ${target.host}:${target.port} failed: ${error.message}`,
    ),
  );
  let connected = false;
  // Whether `use` was left running because its statement could not be cancelled.
  let abandoned = false;
  try {
    let pid: number;
    try {
      await untilAborted(client.connect(), signal);
      connected = true;
      const { rows } = await untilAborted(
        client.query<{ pid: number }>('select pg_backend_pid() as pid'),
        signal,
      );
      pid = rows[0].pid;
    } catch (error) {
      signal.throwIfAborted();
      throw options.connectFailure(asError(error));
    }
    let running = 0;
    const session: Session = {
      query: async (text, values) => {
        signal.throwIfAborted();
        running++;
        try {
          return await client.query(text, values);
        } finally {
          running--;
        }
      },
    };
    const work = use(session);
    const outcome = await untilAborted(work, signal).then(
      value => ({ value }),
      error => ({ error }),
    );
    if (!signal.aborted) {
      if ('error' in outcome) {
        throw outcome.error;
      }
      return outcome.value;
    }
    if (running > 0) {
      abandoned = await cancelStatement(target, pid).then(
        () => false,
        error => {
          logger.warn(
            `Could not cancel the statement of PostgreSQL session ${pid} at ${target.host}:${target.port}: ${error}`,
          );
          return true;
        },
      );
    }
    if (!abandoned) {
      await work.catch(() => {});
    }
    throw signal.reason;
  } finally {
    const ending = client.end().catch(() => {});
    // An unanswered connection attempt may never end, and neither does a
    // session whose statement could not be cancelled; a connection that is
    // free again is closed before returning.
    if (connected && !abandoned) {
      await ending;
    }
  }
}

function connection(target: ConnectionTarget, queryTimeout: number): Client {
  return new Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectionTimeoutMillis: target.connectTimeoutMs,
    query_timeout: queryTimeout,
    application_name: applicationName,
  });
}

/**
 * Asks the server to cancel the statement session `pid` is running. The
 * user may: it is the session's own, or a member of pg_signal_backend.
 */
async function cancelStatement(target: ConnectionTarget, pid: number) {
  const canceller = connection(target, target.connectTimeoutMs);
  canceller.on('error', () => {});
  try {
    await canceller.connect();
    await canceller.query('select pg_cancel_backend($1)', [pid]);
  } finally {
    canceller.end().catch(() => {});
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) {
      abort();
    }
    signal.addEventListener('abort', abort, { once: true });
    work
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort));
  });
}

function asError(value: unknown): Error {
  return isError(value) ? (value as Error) : new Error(String(value));
}
