/** Why the platform cannot serve a request or do its work right now. */
export interface UnavailableCause {
  /**
   * What failed: `database` (the platform's own), or the id of the backend
   * plugin that was called (`permission`, `auth`, `catalog`), or `backend`
   * when the call does not say which.
   */
  dependency: string;
  /** One line on what happened, for the log; never sent to clients. */
  detail: string;
}

/** Socket failures of Node and of undici (fetch): the peer is not there. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * PostgreSQL's SQLSTATEs for a server that is gone or refuses sessions; all
 * of class 08 (connection exception) is matched as well.
 */
const POSTGRES_CODES = new Set([
  '57P01', // admin_shutdown: a restart ends every session
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: shutting down, starting up, in recovery
  '53300', // too_many_connections
]);

/** What the pg driver, its pool and knex say when a connection is lost or cannot be had. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^Connection ended unexpectedly/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Knex: Timeout acquiring a connection/,
];

/**
 * What Backstage's error handler answers in place of a database driver's
 * error: a 500 with this message comes from a plugin whose database failed.
 */
const FILTERED_DATABASE_ERROR = /^An internal error occurred logId=/;

const MAX_DEPTH = 6;

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  statusCode?: unknown;
  response?: { status?: unknown; url?: unknown };
};

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A knex query error's message is the SQL, ` - `, then the driver's message. */
function driverMessage(error: ErrorLike): string {
  const message = text(error.message);
  const separator = message.lastIndexOf(' - ');
  return separator === -1 ? message : message.slice(separator + 3);
}

/** The plugin id in a backend URL such as `http://host/api/permission/authorize`. */
function pluginOf(url: unknown): string | undefined {
  const match = /\/api\/([a-z0-9-]+)(?:\/|$)/i.exec(text(url));
  return match?.[1];
}

function ofDatabase(error: ErrorLike): UnavailableCause | undefined {
  const code = text(error.code);
  const message = driverMessage(error);
  if (
    SOCKET_CODES.has(code) ||
    POSTGRES_CODES.has(code) ||
    /^08[0-9A-Z]{3}$/.test(code)
  ) {
    return {
      dependency: 'database',
      detail: message.includes(code) ? message : `${code} ${message}`,
    };
  }
  if (
    error.name === 'KnexTimeoutError' ||
    CONNECTION_MESSAGES.some(pattern => pattern.test(message))
  ) {
    return { dependency: 'database', detail: message };
  }
  return undefined;
}

/**
 * A call to another backend plugin that failed: it answered 502, 503 or 504,
 * or 500 because something of this class failed behind it (its database,
 * or a call it made in turn).
 */
function ofResponse(error: ErrorLike, depth: number) {
  const status = Number(error.statusCode ?? error.response?.status);
  const service = pluginOf(error.response?.url) ?? 'backend';
  const answered = `${describeDependency({
    dependency: service,
  })} answered ${status}`;
  if ([502, 503, 504].includes(status)) {
    return { dependency: service, detail: answered };
  }
  if (status !== 500) {
    return undefined;
  }
  const behind = classify(error.cause, depth + 1);
  if (behind) {
    return { dependency: service, detail: `${answered}: ${behind.detail}` };
  }
  const remote = error.cause as ErrorLike | undefined;
  if (FILTERED_DATABASE_ERROR.test(text(remote?.message))) {
    return {
      dependency: service,
      detail: `${answered}: its database failed (${text(remote?.message)})`,
    };
  }
  return undefined;
}

function classify(error: unknown, depth: number): UnavailableCause | undefined {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) {
    return undefined;
  }
  const e = error as ErrorLike;
  if (e.name === 'ResponseError') {
    return ofResponse(e, depth);
  }
  if (e.name === 'ServiceUnavailableError') {
    return { dependency: 'backend', detail: text(e.message) };
  }
  // fetch rejects with `TypeError: fetch failed` and the socket error as its
  // cause; a certificate or a URL that is wrong is not an outage.
  if (e.name === 'TypeError' && e.message === 'fetch failed') {
    const behind = classify(e.cause, depth + 1);
    return behind
      ? {
          dependency: 'backend',
          detail: `a call to another service failed: ${behind.detail}`,
        }
      : undefined;
  }
  const direct = ofDatabase(e);
  if (direct) {
    return direct;
  }
  // Wrappers: ForwardedError and others with a cause, AggregateError (a
  // connection tried on several addresses) with its errors.
  const inner = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const candidate of inner) {
    const found = classify(candidate, depth + 1);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** `its database`, `the permission service`, `another backend service`. */
export function describeDependency(
  cause: Pick<UnavailableCause, 'dependency'>,
) {
  if (cause.dependency === 'database') {
    return 'its database';
  }
  return cause.dependency === 'backend'
    ? 'another backend service'
    : `the ${cause.dependency} service`;
}

/**
 * Whether an error means that something the platform depends on is out of
 * reach for now (its database, or a backend plugin it calls), rather than
 * a fault of the request or of the platform; and if so, what.
 */
export function unavailableCause(error: unknown): UnavailableCause | undefined {
  return classify(error, 0);
}
