/** A request to send: method, path with query, and a body (raw text when a string). */
export interface HostileRequest {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: unknown;
  rawBody?: string;
}

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '../../etc/passwd',
  'a/b',
  '%2e%2e%2f',
  "'; drop table platform_resources; --",
  '"quoted"',
  'ｗｅｂ-ａｐｐ', // full-width look-alikes
  'wеb-аpp', // Cyrillic look-alikes
  'Team-Alpha', // a case variant: team-alpha itself
  ' team-alpha',
  'team-alpha\t',
  '\u202eevil',
  '😀',
  'x'.repeat(10_000),
  'team-alpha',
  'web-application',
  'production',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'null',
  'true',
];

function pick<T>(next: () => number, values: T[]): T {
  return values[Math.floor(next() * values.length)];
}

function hostileValue(next: () => number, depth = 0): unknown {
  switch (Math.floor(next() * 9)) {
    case 0:
      return pick(next, NASTY_STRINGS);
    case 1:
      return pick(next, [0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, 11, 36]);
    case 2:
      return pick(next, [true, false, null]);
    case 3:
      return depth > 3
        ? []
        : Array.from({ length: Math.floor(next() * 4) }, () =>
            hostileValue(next, depth + 1),
          );
    case 4:
      return depth > 3
        ? {}
        : Object.fromEntries(
            Array.from({ length: Math.floor(next() * 4) }, () => [
              pick(next, NASTY_STRINGS).slice(0, 50),
              hostileValue(next, depth + 1),
            ]),
          );
    default:
      return pick(next, NASTY_STRINGS);
  }
}

const VALID_CREATE = {
  offering: 'api-gateway',
  name: 'storefront-api',
  team: 'team-alpha',
  environment: 'development',
  config: { upstream: 'storefront', rate_limit: 100, authentication: 'oidc' },
};

function mutatedCreate(next: () => number): unknown {
  const body: Record<string, unknown> = structuredClone(VALID_CREATE);
  const mutations = 1 + Math.floor(next() * 3);
  for (let i = 0; i < mutations; i++) {
    const key = pick(next, [
      'offering',
      'name',
      'team',
      'environment',
      'config',
      'component',
      'system',
      'config.upstream',
      'config.rate_limit',
      'config.authentication',
      'expiresAt',
      'extra',
    ]);
    if (
      key.startsWith('config.') &&
      typeof body.config === 'object' &&
      body.config
    ) {
      (body.config as Record<string, unknown>)[key.slice(7)] =
        hostileValue(next);
    } else {
      body[key] = hostileValue(next);
    }
  }
  return next() < 0.1 ? hostileValue(next) : body;
}

function hostileSegment(next: () => number): string {
  return encodeURIComponent(
    pick(next, [
      ...NASTY_STRINGS,
      '01a21a29-6f5e-7194-8232-15a88952bad7',
      'nope',
    ]).slice(0, 300),
  );
}

function hostileQuery(next: () => number, keys: string[]): string {
  const parts: string[] = [];
  for (const key of keys) {
    if (next() < 0.5) {
      parts.push(
        `${key}=${encodeURIComponent(
          String(hostileValue(next)).slice(0, 400),
        )}`,
      );
      if (next() < 0.1) parts.push(`${key}=again`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const RAW_BODIES = [
  '{',
  '[',
  'null',
  '"text"',
  '{"offering":',
  '\u0000',
  'x'.repeat(70_000),
];

/**
 * Generates malformed and mutated requests for every Platform API route:
 * hostile strings (NUL, traversal, look-alikes, 10 kB), wrong types, deep
 * nesting, repeated and oversized query parameters, invalid JSON.
 */
export function* hostileRequests(
  perRoute: number,
  seed = 1,
): Generator<HostileRequest> {
  const next = random(seed);
  const listKeys = [
    'team',
    'environment',
    'offering',
    'component',
    'system',
    'state',
    'limit',
    'cursor',
  ];
  const routes: Array<() => HostileRequest> = [
    () => ({ method: 'get', path: `/health${hostileQuery(next, ['x'])}` }),
    () => ({
      method: 'get',
      path: `/offerings${hostileQuery(next, ['type', 'tier'])}`,
    }),
    () => ({ method: 'get', path: `/offerings/${hostileSegment(next)}` }),
    () =>
      next() < 0.1
        ? {
            method: 'post',
            path: '/resources',
            rawBody: pick(next, RAW_BODIES),
          }
        : {
            method: 'post',
            path: `/resources${hostileQuery(next, ['dryRun'])}`,
            body: mutatedCreate(next),
          },
    () => ({
      method: 'get',
      path: `/resources${hostileQuery(next, listKeys)}`,
    }),
    () => ({ method: 'get', path: `/resources/${hostileSegment(next)}` }),
    () => ({
      method: 'get',
      path: `/resources/${hostileSegment(next)}/events${hostileQuery(next, [
        'limit',
        'cursor',
      ])}`,
    }),
    () => ({
      method: 'get',
      path: `/resources/${hostileSegment(next)}/secret`,
    }),
    () => ({
      method: 'get',
      path: `/resources/${hostileSegment(next)}/dependents${hostileQuery(next, [
        'limit',
      ])}`,
    }),
    () => ({
      method: 'patch',
      path: `/resources/${hostileSegment(next)}${hostileQuery(next, [
        'dryRun',
      ])}`,
      body: next() < 0.5 ? { config: hostileValue(next) } : hostileValue(next),
    }),
    () => ({ method: 'delete', path: `/resources/${hostileSegment(next)}` }),
    () => ({
      method: 'post',
      path: `/resources/${hostileSegment(next)}/retry`,
    }),
    () => ({ method: 'get', path: '/policies' }),
    () => ({
      method: 'get',
      path: `/health/summary${hostileQuery(next, ['windowDays'])}`,
    }),
    () => ({ method: 'get', path: '/feedback/survey' }),
    () => ({
      method: 'post',
      path: '/feedback/survey',
      body:
        next() < 0.5
          ? { score: hostileValue(next), comment: hostileValue(next) }
          : hostileValue(next),
    }),
    () => ({
      method: 'post',
      path: `/resources/${hostileSegment(next)}/tickets`,
      body: { category: hostileValue(next), description: hostileValue(next) },
    }),
    () => ({
      method: 'get',
      path: `/tickets${hostileQuery(next, ['team', 'limit', 'cursor'])}`,
    }),
    () => ({ method: 'get', path: `/quotas${hostileQuery(next, ['team'])}` }),
    () =>
      next() < 0.1
        ? {
            method: 'post',
            path: `/resources/${hostileSegment(next)}/approve`,
            rawBody: pick(next, RAW_BODIES),
          }
        : {
            method: 'post',
            path: `/resources/${hostileSegment(next)}/${pick(next, [
              'approve',
              'reject',
            ])}`,
            body:
              next() < 0.6
                ? { comment: hostileValue(next) }
                : hostileValue(next),
          },
    () => ({
      method: 'get',
      path: `/resources/${hostileSegment(next)}/approvals`,
    }),
    () => ({
      method: 'get',
      path: `/approvals${hostileQuery(next, ['state', 'limit', 'cursor'])}`,
    }),
    () => ({
      method: 'post',
      path: `/resources/${hostileSegment(next)}/extend`,
      body:
        next() < 0.6 ? { expiresAt: hostileValue(next) } : hostileValue(next),
    }),
    () => ({ method: 'get', path: `/spend${hostileQuery(next, ['team'])}` }),
  ];
  for (let i = 0; i < perRoute; i++) {
    for (const route of routes) {
      yield route();
    }
  }
}

/** Nesting depths from just over the limit to far beyond any stack. */
export const HOSTILE_DEPTHS = [17, 100, 1_000, 5_000, 12_000, 30_000, 50_000];

/** JSON text nested `depth` levels deep, in several shapes. */
export function nestedBodies(depth: number): Record<string, string> {
  const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const mixed = `${'[{"a":'.repeat(Math.ceil(depth / 2))}1${'}]'.repeat(
    Math.ceil(depth / 2),
  )}`;
  const inConfig = (inner: string) =>
    `{"offering":"web-application","name":"deep","team":"team-alpha","environment":"development","config":{"replicas":${inner}}}`;
  return {
    arrays,
    objects,
    mixed,
    'arrays in config': inConfig(arrays),
    'objects in config': inConfig(objects),
    'arrays as the comment': `{"score":9,"comment":${arrays}}`,
  };
}

/** Every route that reads a request body; `:id` is filled in by the caller. */
export const BODY_ROUTES: Array<{ method: 'post' | 'patch'; path: string }> = [
  { method: 'post', path: '/resources' },
  { method: 'post', path: '/resources?dryRun=true' },
  { method: 'patch', path: '/resources/:id' },
  { method: 'patch', path: '/resources/:id?dryRun=true' },
  { method: 'post', path: '/resources/:id/retry' },
  { method: 'post', path: '/resources/:id/tickets' },
  { method: 'post', path: '/resources/:id/approve' },
  { method: 'post', path: '/resources/:id/extend' },
  { method: 'post', path: '/resources/:id/reject' },
  { method: 'post', path: '/feedback/survey' },
];

/** Entity references that are not well-formed, or name the wrong kind. */
export const MALFORMED_REFS = [
  '',
  ' ',
  ':',
  'group:',
  ':team-alpha',
  'group:default/',
  'group:/team-alpha',
  'a:b:c',
  'a/b/c',
  'default/team-alpha/extra',
  'Team Alpha',
  'team alpha',
  'team-alpha!',
  '-team',
  'team-',
  '..',
  '../../etc/passwd',
  'ñame',
  '😀',
  'x'.repeat(64),
  `${'n'.repeat(64)}/x`,
  'team\u0000alpha',
  ' team-alpha',
  'team-alpha ',
  'team-alpha\t',
  'team-alpha\n',
  'user:default/guest',
  'api:default/payments',
  'location:default/x',
];

/** Where a request carries an entity reference, and the kind it must be. */
const REF_PLACES: Array<{
  field: 'team' | 'component' | 'system';
  kind: string;
  request: (value: string) => HostileRequest;
}> = [
  ...(['team', 'component', 'system'] as const).flatMap(field =>
    ['/resources', '/resources?dryRun=true'].map(path => ({
      field,
      kind: field === 'team' ? 'group' : field,
      request: (value: string): HostileRequest => ({
        method: 'post',
        path,
        body: {
          offering: 'web-application',
          name: 'with-ref',
          team: 'team-alpha',
          environment: 'development',
          [field]: value,
        },
      }),
    })),
  ),
  ...[
    ['/resources', 'team'],
    ['/resources', 'component'],
    ['/resources', 'system'],
    ['/quotas', 'team'],
    ['/tickets', 'team'],
    ['/spend', 'team'],
  ].map(([path, field]) => ({
    field: field as 'team' | 'component' | 'system',
    kind: field === 'team' ? 'group' : field,
    request: (value: string): HostileRequest => ({
      method: 'get',
      path: `${path}?${field}=${encodeURIComponent(value)}`,
    }),
  })),
];

/**
 * Every malformed reference in every place that takes one; each must be
 * answered 400 naming the field. Wrong kinds are malformed only where the
 * kind differs.
 */
export function* malformedRefRequests(): Generator<{
  field: string;
  value: string;
  request: HostileRequest;
}> {
  for (const place of REF_PLACES) {
    for (const value of MALFORMED_REFS) {
      // An empty optional field or filter is the same as none.
      const optional =
        place.field !== 'team' || place.request('').method === 'get';
      if (value.startsWith(`${place.kind}:`) || (value === '' && optional)) {
        continue;
      }
      yield { field: place.field, value, request: place.request(value) };
    }
  }
}

/** Decision bodies that are not `{comment?: string}`, and the field each names. */
export const MALFORMED_DECISIONS: Array<{ body: unknown; field: string }> = [
  { body: { comment: 'x'.repeat(1001) }, field: 'comment' },
  { body: { comment: 'a\u0000b' }, field: 'comment' },
  { body: { comment: '\u001b[31mred' }, field: 'comment' },
  { body: { comment: 42 }, field: 'comment' },
  { body: { comment: ['a'] }, field: 'comment' },
  { body: { comment: { text: 'a' } }, field: 'comment' },
  { body: { comment: true }, field: 'comment' },
  { body: { approve: true }, field: 'approve' },
  { body: { comment: 'ok', state: 'approved' }, field: 'state' },
  // Bare strings and numbers never reach the route: the JSON parser takes
  // only objects and arrays, on every route (see RAW_BODIES).
  { body: ['comment'], field: 'body' },
];

/** Expiry dates that are not a time within the maximum, in every place that takes one. */
export const MALFORMED_EXPIRIES: unknown[] = [
  '',
  'tomorrow',
  '2027-13-45T00:00:00Z',
  '2020-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2027-01-01T00:00:00Z\u0000',
  `2027-01-01T00:00:00Z${'x'.repeat(300)}`,
  42,
  true,
  null,
  ['2027-01-01T00:00:00Z'],
  { at: '2027-01-01T00:00:00Z' },
];
