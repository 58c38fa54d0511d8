import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists offerings with their filters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/offerings`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [{ id: 'web-application' }] });
      }),
    );
    await expect(
      client.listOfferings({ type: 'compute', tier: undefined }),
    ).resolves.toEqual([{ id: 'web-application' }]);
    expect(url?.search).toBe('?type=compute');
  });

  it('creates resources through the portal channel', async () => {
    let channel: string | null = null;
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/resources`, async ({ request }) => {
        channel = request.headers.get('x-platform-channel');
        body = await request.json();
        return HttpResponse.json(
          { id: 'r1', state: 'pending' },
          { status: 202 },
        );
      }),
    );
    const request = {
      offering: 'web-application',
      name: 'shop',
      team: 'team-alpha',
      environment: 'development',
      config: { replicas: 2 },
    };
    await expect(client.createResource(request)).resolves.toEqual({
      id: 'r1',
      state: 'pending',
    });
    expect(channel).toBe('portal');
    expect(body).toEqual(request);
  });

  it('turns invalid fields of a dry run into a verdict', async () => {
    server.use(
      http.post(`${baseUrl}/resources`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('dryRun')).toBe('true');
        return HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Invalid request' },
            response: { statusCode: 400 },
            errors: [{ field: 'config.replicas', message: 'must be integer' }],
          },
          { status: 400 },
        );
      }),
    );
    await expect(
      client.checkCreateResource({
        offering: 'web-application',
        name: 'shop',
        team: 'team-alpha',
        environment: 'development',
      }),
    ).resolves.toEqual({
      allowed: false,
      errors: [{ field: 'config.replicas', message: 'must be integer' }],
      violations: [],
      approvals: [],
    });
  });

  it('turns a refusal of the team in a dry run into a verdict', async () => {
    const message =
      'user:default/guest may not act for team team-beta: only its members and the platform team may';
    server.use(
      http.post(`${baseUrl}/resources`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(
      client.checkCreateResource({
        offering: 'web-application',
        name: 'shop',
        team: 'team-beta',
        environment: 'development',
      }),
    ).resolves.toEqual({
      allowed: false,
      errors: [],
      violations: [
        { policy: 'team-membership', field: 'team', reason: message },
      ],
      approvals: [],
    });
  });

  it('returns the verdict of a configuration change with its approvals', async () => {
    const approvals = [
      {
        policy: 'cost-approval',
        reason: 'More than 2 replicas cost money',
        approvers: 'group:default/platform-team',
      },
    ];
    server.use(
      http.patch(`${baseUrl}/resources/r%201`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('dryRun')).toBe('true');
        return HttpResponse.json({
          allowed: true,
          errors: [],
          violations: [],
          approvals,
        });
      }),
    );
    await expect(
      client.checkUpdateResource('r 1', { replicas: 3 }),
    ).resolves.toEqual({
      allowed: true,
      errors: [],
      violations: [],
      approvals,
    });
  });

  it('reads a verdict without approvals, from an older server, as needing none', async () => {
    server.use(
      http.post(`${baseUrl}/resources`, () =>
        HttpResponse.json({ allowed: true, errors: [], violations: [] }),
      ),
    );
    await expect(
      client.checkCreateResource({
        offering: 'web-application',
        name: 'shop',
        team: 'team-alpha',
        environment: 'development',
      }),
    ).resolves.toEqual({
      allowed: true,
      errors: [],
      violations: [],
      approvals: [],
    });
  });

  it('pages resources with every filter', async () => {
    let search = '';
    server.use(
      http.get(`${baseUrl}/resources`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [], nextCursor: 'c2' });
      }),
    );
    await expect(
      client.listResources({
        component: 'component:default/shop',
        state: 'ready',
        cursor: 'c1',
      }),
    ).resolves.toEqual({ items: [], nextCursor: 'c2' });
    expect(new URLSearchParams(search).get('component')).toBe(
      'component:default/shop',
    );
    expect(new URLSearchParams(search).get('cursor')).toBe('c1');
  });

  it('reads secrets, events, dependents, quotas and policies', async () => {
    server.use(
      http.get(`${baseUrl}/resources/r1/secret`, () =>
        HttpResponse.json({ secrets: { password: 'p' } }),
      ),
      http.get(`${baseUrl}/resources/r1/events`, () =>
        HttpResponse.json({ items: [{ id: 1 }] }),
      ),
      http.get(`${baseUrl}/resources/r1/dependents`, () =>
        HttpResponse.json({ items: [{ id: 'r2' }] }),
      ),
      http.get(`${baseUrl}/quotas`, ({ request }) =>
        HttpResponse.json({
          items: [{ team: new URL(request.url).searchParams.get('team') }],
        }),
      ),
      http.get(`${baseUrl}/policies`, () =>
        HttpResponse.json({ items: [{ id: 'quota' }] }),
      ),
    );
    await expect(client.getResourceSecret('r1')).resolves.toEqual({
      password: 'p',
    });
    await expect(client.listResourceEvents('r1')).resolves.toEqual([{ id: 1 }]);
    await expect(client.listResourceDependents('r1')).resolves.toEqual([
      { id: 'r2' },
    ]);
    await expect(client.listQuotas('team-alpha')).resolves.toEqual([
      { team: 'team-alpha' },
    ]);
    await expect(client.listPolicies()).resolves.toEqual([{ id: 'quota' }]);
  });

  it('deletes, retries and updates resources', async () => {
    const methods: string[] = [];
    server.use(
      http.delete(`${baseUrl}/resources/r1`, ({ request }) => {
        methods.push(`DELETE ${request.headers.get('x-platform-channel')}`);
        return HttpResponse.json({ state: 'deleting' }, { status: 202 });
      }),
      http.post(`${baseUrl}/resources/r1/retry`, () => {
        methods.push('RETRY');
        return HttpResponse.json({ state: 'pending' }, { status: 202 });
      }),
      http.patch(`${baseUrl}/resources/r1`, async ({ request }) => {
        methods.push(`PATCH ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ state: 'updating' }, { status: 202 });
      }),
    );
    await client.deleteResource('r1');
    await client.retryResource('r1');
    await client.updateResource('r1', { replicas: 4 });
    expect(methods).toEqual([
      'DELETE portal',
      'RETRY',
      'PATCH {"config":{"replicas":4}}',
    ]);
  });

  it('reads the health summary, the survey and tickets', async () => {
    server.use(
      http.get(`${baseUrl}/health/summary`, () =>
        HttpResponse.json({ windowDays: 30 }),
      ),
      http.get(`${baseUrl}/feedback/survey`, () =>
        HttpResponse.json({ canAnswer: true }),
      ),
      http.post(`${baseUrl}/feedback/survey`, async ({ request }) =>
        HttpResponse.json(
          { ...((await request.json()) as object), createdAt: 'now' },
          { status: 201 },
        ),
      ),
      http.post(`${baseUrl}/resources/r1/tickets`, async ({ request }) =>
        HttpResponse.json(
          { id: 't1', ...((await request.json()) as object) },
          { status: 201 },
        ),
      ),
      http.get(`${baseUrl}/tickets`, ({ request }) =>
        HttpResponse.json({
          items: [{ id: new URL(request.url).searchParams.get('team') }],
        }),
      ),
    );
    await expect(client.getHealthSummary()).resolves.toEqual({
      windowDays: 30,
    });
    await expect(client.getSurveyStatus()).resolves.toEqual({
      canAnswer: true,
    });
    await expect(client.answerSurvey({ score: 9 })).resolves.toEqual({
      score: 9,
      createdAt: 'now',
    });
    await expect(
      client.reportProblem('r1', {
        category: 'access',
        description: 'cannot connect',
      }),
    ).resolves.toEqual({
      id: 't1',
      category: 'access',
      description: 'cannot connect',
    });
    await expect(client.listTickets({ team: 'team-alpha' })).resolves.toEqual([
      { id: 'team-alpha' },
    ]);
  });

  it('throws a ResponseError with the listed violations', async () => {
    server.use(
      http.post(`${baseUrl}/resources`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Refused by policy' },
            response: { statusCode: 403 },
            violations: [{ policy: 'quota', reason: 'Quota reached' }],
          },
          { status: 403 },
        ),
      ),
    );
    const failure = await client
      .createResource({
        offering: 'web-application',
        name: 'shop',
        team: 'team-alpha',
        environment: 'development',
      })
      .catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(403);
    expect(failure.body.violations).toEqual([
      { policy: 'quota', reason: 'Quota reached' },
    ]);
  });
});
