import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  BODY_ROUTES,
  HOSTILE_DEPTHS,
  MALFORMED_DECISIONS,
  MALFORMED_EXPIRIES,
  hostileRequests,
  malformedRefRequests,
  nestedBodies,
} from '../__testUtils__/hostileRequests';
import {
  hostileActionCalls,
  judgeActionAnswer,
} from '../__testUtils__/hostileActionCalls';
import {
  createStorefront,
  startPlatformTestBackend,
} from '../__testUtils__/platformTestBackend';

jest.setTimeout(300_000);

/** The field that takes each shape of `nestedBodies` too deep; none for an array. */
const DEEP_FIELDS: Record<string, string | undefined> = {
  objects: 'a',
  'arrays in config': 'config',
  'objects in config': 'config',
  'arrays as the comment': 'comment',
};

describe('hostile input', () => {
  const databases = createTestDatabases();

  /** The platform on a fresh database, with one web application to aim at. */
  async function startBackendWithUpstream(
    databaseId: Parameters<typeof databases.init>[0],
  ) {
    const knex = await databases.init(databaseId);
    // Thousands of requests from one user: the rate limit has its own tests.
    const { server } = await startPlatformTestBackend({
      knex,
      platform: { rateLimit: { enabled: false } },
    });
    const guest = mockCredentials.user.header('user:default/guest');
    // A real upstream, so that mutated gateway requests reach deep checks.
    const upstreamId = await createStorefront(server);
    return { server, guest, upstreamId };
  }

  it.each(databases.eachSupportedId())(
    'answers a thousand mutated requests per route without a 5xx, naming each problem, %p',
    async databaseId => {
      const { server, guest } = await startBackendWithUpstream(databaseId);

      const problems: string[] = [];
      let sent = 0;
      for (const r of hostileRequests(1000, 7)) {
        let req = request(server)[r.method](`/api/platform${r.path}`);
        req = req.set('Authorization', guest);
        const text =
          r.rawBody ??
          (r.body === undefined ? undefined : JSON.stringify(r.body));
        if (text !== undefined) {
          req = req.set('Content-Type', 'application/json').send(text);
        }
        const res = await req;
        sent++;
        if (res.status >= 500) {
          problems.push(
            `${r.method} ${r.path.slice(0, 120)} -> ${
              res.status
            } ${res.text.slice(0, 200)}`,
          );
        } else if (res.status >= 400 && !res.body?.error?.message) {
          problems.push(
            `${r.method} ${r.path.slice(0, 120)} -> ${
              res.status
            } without a message`,
          );
        }
      }
      expect(sent).toBeGreaterThanOrEqual(24_000);
      expect(problems.slice(0, 10)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers every malformed entity reference, in every field and parameter that takes one, with a 400, or a dry-run verdict, naming it, %p',
    async databaseId => {
      const { server, guest } = await startBackendWithUpstream(databaseId);

      const wrong: string[] = [];
      let sent = 0;
      for (const { field, value, request: r } of malformedRefRequests()) {
        let req = request(server)[r.method](`/api/platform${r.path}`);
        req = req.set('Authorization', guest);
        if (r.body !== undefined) {
          req = req.send(r.body as object);
        }
        const res = await req;
        sent++;
        // A dry run answers with its verdict; anything else with a 400.
        const status = r.path.includes('dryRun=true') ? 200 : 400;
        // The spec's checks list the field; the domain's name the parameter.
        const named =
          res.body?.errors?.some((e: { field: string }) => e.field === field) ||
          (r.method === 'get' &&
            String(res.body?.error?.message).includes(`'${field}'`));
        if (res.status !== status || !named) {
          wrong.push(
            `${r.method} ${r.path.slice(0, 80)} ${field}=${JSON.stringify(
              value.slice(0, 20),
            )}: ${res.status} ${res.text.slice(0, 160)}`,
          );
        }
      }
      expect(sent).toBeGreaterThanOrEqual(250);
      expect(wrong).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers bodies nested up to 50,000 levels on every route that reads a body with a 4xx that names the problem, %p',
    async databaseId => {
      const { server, guest, upstreamId } = await startBackendWithUpstream(
        databaseId,
      );

      const answers: string[] = [];
      for (const route of BODY_ROUTES) {
        const path = route.path.replace(':id', upstreamId);
        for (const depth of HOSTILE_DEPTHS) {
          for (const [shape, text] of Object.entries(nestedBodies(depth))) {
            const res = await request(server)
              [route.method](`/api/platform${path}`)
              .set('Authorization', guest)
              .set('Content-Type', 'application/json')
              .send(text);
            // Within the size limit the depth is named, with the field that
            // goes too deep when the body is an object; beyond it, the size.
            const field = DEEP_FIELDS[shape];
            const expected =
              text.length > 64 * 1024
                ? '413 request entity too large'
                : `400 ${field || 'request body'} ${
                    field ? 'nests the request' : 'is nested'
                  } more than 16 levels deep`;
            const errors: Array<{ field: string; message: string }> =
              res.body?.errors ?? [];
            const got = `${res.status} ${
              errors.length > 0
                ? errors.map(e => `${e.field} ${e.message}`).join('; ')
                : String(res.body?.error?.message).toLowerCase()
            }`;
            if (got !== expected) {
              answers.push(
                `${route.method} ${route.path} ${shape} ${depth}: ${got}`,
              );
            }
          }
        }
      }
      expect(answers).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers every class of hostile value in every field of every platform action, invoked through the actions registry, with a refusal naming the field and never a 5xx, %p',
    async databaseId => {
      const { server, guest, upstreamId } = await startBackendWithUpstream(
        databaseId,
      );
      const wrong: string[] = [];
      const classes = new Set<string>();
      const actions = new Set<string>();
      for (const call of hostileActionCalls(upstreamId)) {
        const res = await request(server)
          .post(
            `/api/platform/.backstage/actions/v1/actions/platform:${call.action}/invoke`,
          )
          .set('Authorization', guest)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(call.input));
        classes.add(call.className);
        actions.add(call.action);
        const problem = judgeActionAnswer(call, res.status, res.body);
        if (problem) {
          wrong.push(
            `${call.action} ${call.field} (${call.className}): ${problem}`,
          );
        }
      }
      expect(classes.size).toBe(7);
      expect(actions.size).toBe(8);
      expect(wrong).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers every malformed decision body on approve and reject with a 400 naming the field, %p',
    async databaseId => {
      const { server, guest, upstreamId } = await startBackendWithUpstream(
        databaseId,
      );
      const wrong: string[] = [];
      for (const decision of ['approve', 'reject']) {
        for (const { body, field } of MALFORMED_DECISIONS) {
          const res = await request(server)
            .post(`/api/platform/resources/${upstreamId}/${decision}`)
            .set('Authorization', guest)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          const named = res.body?.errors?.some(
            (e: { field: string }) => e.field === field,
          );
          if (res.status !== 400 || !named) {
            wrong.push(
              `${decision} ${JSON.stringify(body).slice(0, 40)}: ${
                res.status
              } ${res.text.slice(0, 160)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers every malformed expiry, on create, dry run and extend, with a 400 or a verdict naming expiresAt, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlatformTestBackend({
        knex,
        platform: {
          lifetimes: {
            environments: { development: { default: 'P7D', max: 'P30D' } },
          },
        },
      });
      const guest = mockCredentials.user.header('user:default/guest');
      const upstreamId = await createStorefront(server);
      const wrong: string[] = [];
      for (const expiresAt of MALFORMED_EXPIRIES) {
        const create = {
          offering: 'web-application',
          name: 'expiring',
          team: 'team-alpha',
          environment: 'development',
          expiresAt,
        };
        for (const [path, body, status] of [
          ['/resources', create, 400],
          ['/resources?dryRun=true', create, 200],
          [`/resources/${upstreamId}/extend`, { expiresAt }, 400],
        ] as const) {
          const res = await request(server)
            .post(`/api/platform${path}`)
            .set('Authorization', guest)
            .send(body);
          const named = res.body?.errors?.some(
            (e: { field: string }) => e.field === 'expiresAt',
          );
          // null on a create is the same as no expiry asked for.
          const absent = expiresAt === null && !path.includes('extend');
          if (absent ? res.status >= 400 : res.status !== status || !named) {
            wrong.push(
              `${path} ${JSON.stringify(expiresAt).slice(0, 40)}: ${
                res.status
              } ${res.text.slice(0, 160)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});
