import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
// The platform itself answers the client, as in a real backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import platformBackend from '@idp-kit/plugin-platform-backend';
import { PlatformClient } from '@idp-kit/plugin-platform-node';
import { AddressInfo } from 'node:net';
import { createCreateResourceAction } from './createResource';
import { createDeleteResourceAction } from './deleteResource';
import { createGetOfferingAction } from './getOffering';
import { createWaitForResourceAction } from './waitForResource';

jest.setTimeout(120_000);

const ORIGIN = 'url:https://git.example.com/org/blob/main/org.yaml';
const guest = mockCredentials.user('user:default/guest');

/** The platform in a test backend, and a client of it as the scaffolder module builds one. */
async function startPlatform(platform: JsonObject = {}) {
  const { server } = await startTestBackend({
    features: [
      platformBackend,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: {
              name: 'team-alpha',
              namespace: 'default',
              annotations: {
                'backstage.io/managed-by-origin-location': ORIGIN,
              },
            },
            spec: { type: 'team', children: [] },
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          platform: {
            teams: { trustedOrigins: [ORIGIN] },
            provisioning: { enabled: false },
            ...platform,
          },
        },
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api/platform`;
  const client = new PlatformClient({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
  });
  return { client };
}

/** Runs an action's handler as the guest; answers what it threw, if anything. */
async function run(
  action: { handler: (ctx: any) => Promise<void> },
  input: JsonObject,
  options: { isDryRun?: boolean } = {},
) {
  const ctx = {
    ...createMockActionContext({ input }),
    getInitiatorCredentials: async () => guest,
    ...options,
  };
  const warnings = jest.spyOn(ctx.logger, 'warn');
  try {
    await action.handler(ctx);
    return { warnings: warnings.mock.calls.map(c => String(c[0])) };
  } catch (error) {
    return { error, warnings: [] };
  }
}

/** `[[[…]]]`, `depth` levels deep. */
function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/**
 * The classes of the platform's hostile suite, as text: the scaffolder
 * checks each input's type against the action's schema before the handler
 * runs, so only texts (and anything, in `config`) reach the client.
 */
const CLASSES: Record<string, string[]> = {
  'NUL bytes': ['a\u0000b', '\u0000'],
  'huge strings': ['x'.repeat(256), 'x'.repeat(10_000)],
  'look-alike Unicode': [
    'ｔｅａｍ-ａｌｐｈａ',
    'tеam-аlpha',
    '\u202eteam-alpha',
  ],
  'whitespace variants': [' team-alpha', 'team-alpha ', 'team-alpha\t'],
  'case variants': ['Team-Alpha', 'Group:default/TEAM-ALPHA'],
};

/** Values of `config.replicas` (an integer from 1 to 10) of every class, nesting and wrong types too. */
const CONFIG_VALUES: unknown[] = [
  nestedArray(17),
  nestedArray(4_000),
  true,
  null,
  {},
  ...Object.values(CLASSES).flat(),
];

/** What is wrong with a refusal: a 5xx, an unexpected error, or a 400 not naming the field. */
function problemOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ResponseError)) {
    return `threw ${String(error).slice(0, 160)}`;
  }
  const { statusCode } = error;
  // The API's 400s list every invalid field beside the standard body.
  const body = error.body as typeof error.body & {
    errors?: Array<{ field: string }>;
  };
  const named =
    body.errors?.some(
      e => e.field === field || e.field.startsWith(`${field}.`),
    ) || new RegExp(`\\b${field}\\b`).test(String(body.error?.message));
  if (statusCode >= 500 || (statusCode === 400 && !named)) {
    return `${statusCode} ${String(body.error?.message).slice(0, 160)}`;
  }
  return undefined;
}

describe('the scaffolder actions with hostile input', () => {
  it('are refused by the Platform API, naming the field, never with a 5xx', async () => {
    const { client } = await startPlatform({
      rateLimit: { enabled: false },
    });
    const created = await client.createResource(
      {
        offering: 'web-application',
        name: 'storefront',
        team: 'team-alpha',
        environment: 'development',
      },
      { credentials: guest },
    );
    const create = createCreateResourceAction({ client });
    const actions = {
      getOffering: createGetOfferingAction({ client }),
      wait: createWaitForResourceAction({ client, pollIntervalMs: 1 }),
      delete: createDeleteResourceAction({ client, pollIntervalMs: 1 }),
    };
    const wrong: string[] = [];
    let counter = 0;
    const request = (field: string, value: unknown) => ({
      offering: 'web-application',
      name: `hostile-${++counter}`,
      team: 'team-alpha',
      environment: 'development',
      [field]: field === 'config' ? { replicas: value } : value,
    });
    const fields = ['offering', 'name', 'team', 'environment', 'component'];

    for (const [className, values] of Object.entries(CLASSES)) {
      const accepted = className === 'case variants';
      for (const value of values) {
        for (const field of fields) {
          // A case variant of team-alpha is team-alpha; nothing else here
          // is a valid offering, name, team, environment or component.
          const taken = accepted && field === 'team';
          const made = await run(create, request(field, value) as JsonObject);
          let problem: string | undefined;
          if (taken) {
            problem = made.error ? `refused: ${String(made.error)}` : undefined;
          } else {
            problem = made.error
              ? problemOf(made.error, field)
              : 'taken, not refused';
          }
          const dryRun = await run(
            create,
            request(field, value) as JsonObject,
            {
              isDryRun: true,
            },
          );
          if (dryRun.error) {
            problem ??= problemOf(dryRun.error, field);
          } else if (
            dryRun.warnings.some(w => w.startsWith(`${field} `)) === taken
          ) {
            problem ??= `dry run: ${
              dryRun.warnings.join('; ') || 'no warning'
            }`;
          }
          if (problem) {
            wrong.push(`create ${field} (${className}): ${problem}`);
          }
        }
        // The API's name for an offering's id, or a resource's, is `id`.
        for (const [name, input] of [
          ['getOffering', { offering: value }],
          ['wait', { id: value, timeoutSeconds: 1 }],
          ['wait', { id: `${created.id}${value}`, timeoutSeconds: 1 }],
          ['delete', { id: value }],
          ['delete', { id: `${created.id}${value}` }],
        ] as const) {
          const { error } = await run(actions[name], input);
          const problem = error ? problemOf(error, 'id') : 'taken';
          if (problem) {
            wrong.push(
              `${name} ${JSON.stringify(input).slice(0, 60)}: ${problem}`,
            );
          }
        }
      }
    }
    for (const value of CONFIG_VALUES) {
      const { error } = await run(
        create,
        request('config', value) as JsonObject,
      );
      const problem = error ? problemOf(error, 'config') : 'taken';
      if (problem) {
        wrong.push(
          `create config ${JSON.stringify(value).slice(0, 30)}: ${problem}`,
        );
      }
    }
    expect(counter).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('are held to the rate limit of the user they act for', async () => {
    const { client } = await startPlatform({
      rateLimit: { perPrincipal: { limit: 2 } },
    });
    const getOffering = createGetOfferingAction({ client });
    for (let i = 0; i < 2; i++) {
      expect(
        (await run(getOffering, { offering: 'web-application' })).error,
      ).toBeUndefined();
    }
    const { error } = await run(getOffering, { offering: 'web-application' });
    expect(error).toBeInstanceOf(ResponseError);
    const refusal = error as ResponseError;
    expect(refusal.statusCode).toBe(429);
    expect(Number(refusal.response.headers.get('retry-after'))).toBeGreaterThan(
      0,
    );
    expect(refusal.body.error.message).toMatch(
      /^Too many requests from user:default\/guest/,
    );
  });
});
