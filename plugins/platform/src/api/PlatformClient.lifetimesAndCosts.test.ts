import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PlatformClient } from './PlatformClient';
import { requestProblems } from './requestProblems';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient lifetimes and costs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('extends a resource through the portal channel', async () => {
    let call: { path: string; channel: string | null; body: unknown } | null =
      null;
    server.use(
      http.post(`${baseUrl}/resources/r%201/extend`, async ({ request }) => {
        call = {
          path: new URL(request.url).pathname,
          channel: request.headers.get('x-platform-channel'),
          body: await request.json(),
        };
        return HttpResponse.json({
          id: 'r 1',
          expiresAt: '2027-01-10T12:00:00.000Z',
        });
      }),
    );
    await expect(
      client.extendResource('r 1', '2027-01-10T12:00:00.000Z'),
    ).resolves.toEqual({ id: 'r 1', expiresAt: '2027-01-10T12:00:00.000Z' });
    expect(call).toEqual({
      path: '/api/platform/resources/r%201/extend',
      channel: 'portal',
      body: { expiresAt: '2027-01-10T12:00:00.000Z' },
    });
  });

  it('throws the field error of an expiry beyond the maximum', async () => {
    const message = 'must be at most P30D from now';
    server.use(
      http.post(`${baseUrl}/resources/r1/extend`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: `expiresAt ${message}` },
            response: { statusCode: 400 },
            errors: [{ field: 'expiresAt', message }],
          },
          { status: 400 },
        ),
      ),
    );
    const failure = await client
      .extendResource('r1', '2030-01-01T00:00:00.000Z')
      .catch(e => e);
    expect(failure.statusCode).toBe(400);
    expect(requestProblems(failure).errors).toEqual([
      { field: 'expiresAt', message },
    ]);
  });

  it("reads a team's spend", async () => {
    let search = '';
    const spend = {
      team: 'team alpha',
      currency: 'EUR',
      monthly: 130,
      byOffering: { 'postgresql-database': 100, 'web-application': 30 },
      budget: 1500,
    };
    server.use(
      http.get(`${baseUrl}/spend`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(spend);
      }),
    );
    await expect(client.getTeamSpend('team alpha')).resolves.toEqual(spend);
    expect(new URLSearchParams(search).get('team')).toBe('team alpha');
  });

  it('throws when the user may not see the team', async () => {
    server.use(
      http.get(`${baseUrl}/spend`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'may not read' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getTeamSpend('team-beta')).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});
