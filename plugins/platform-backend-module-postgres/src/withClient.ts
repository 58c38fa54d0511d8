import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { Client } from 'pg';

/**
 * No statement here should take long; this bounds each one, so that a server
 * that stops answering half-way does not hold on to a caller whose signal
 * never aborts (a health check, for one).
 */
const queryTimeoutMs = 60_000;

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
  /** Ends the connection and rejects as soon as it aborts. */
  signal: AbortSignal;
  logger: LoggerService;
  /** Turns a failure to connect into the error the caller reports. */
  connectFailure(cause: Error): Error;
}

/**
 * Runs `use` with a connected client and always closes the client after.
 *
 * Connecting gives up after the target's timeout, and everything gives up
 * when the signal aborts: pg leaves a connection attempt that is ended
 * half-way unsettled, so the abort is raced rather than awaited.
 */
export async function withClient<T>(
  options: ClientOptions,
  use: (client: Client) => Promise<T>,
): Promise<T> {
  const { target, signal, logger } = options;
  signal.throwIfAborted();
  const client = new Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    connectionTimeoutMillis: target.connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    application_name: 'backstage-platform',
  });
  // Without a listener, a connection the server drops would take the
  // process down with an unhandled 'error' event.
  client.on('error', error =>
    logger.warn(
      `Connection to PostgreSQL at ${target.host}:${target.port} failed: ${error.message}`,
    ),
  );
  let connected = false;
  try {
    try {
      await untilAborted(client.connect(), signal);
      connected = true;
    } catch (error) {
      signal.throwIfAborted();
      throw options.connectFailure(asError(error));
    }
    return await untilAborted(use(client), signal);
  } finally {
    const ending = client.end().catch(() => {});
    // An unanswered connection attempt may never end; the connect timeout
    // destroys its socket, so only a live connection is waited for.
    if (connected && !signal.aborted) {
      await ending;
    }
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
