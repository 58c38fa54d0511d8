import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient approvals', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('pages the requests the user may decide', async () => {
    let search = '';
    server.use(
      http.get(`${baseUrl}/approvals`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [{ id: 'a1' }], nextCursor: 'c2' });
      }),
    );
    await expect(
      client.listApprovals({ state: 'pending', limit: 20, cursor: 'c1' }),
    ).resolves.toEqual({ items: [{ id: 'a1' }], nextCursor: 'c2' });
    const params = new URLSearchParams(search);
    expect(params.get('state')).toBe('pending');
    expect(params.get('limit')).toBe('20');
    expect(params.get('cursor')).toBe('c1');

    await client.listApprovals();
    expect(search).toBe('');
  });

  it("lists a resource's requests for approval", async () => {
    server.use(
      http.get(`${baseUrl}/resources/r%201/approvals`, () =>
        HttpResponse.json({ items: [{ id: 'a2' }, { id: 'a1' }] }),
      ),
    );
    await expect(client.listResourceApprovals('r 1')).resolves.toEqual([
      { id: 'a2' },
      { id: 'a1' },
    ]);
  });

  it('approves with a comment and rejects without one, through the portal channel', async () => {
    const calls: { path: string; channel: string | null; body: unknown }[] = [];
    const decide = async ({ request }: { request: Request }) => {
      calls.push({
        path: new URL(request.url).pathname,
        channel: request.headers.get('x-platform-channel'),
        body: await request.json(),
      });
      return HttpResponse.json({ id: 'a1', state: 'approved' });
    };
    server.use(
      http.post(`${baseUrl}/resources/r1/approve`, decide),
      http.post(`${baseUrl}/resources/r1/reject`, decide),
    );
    await expect(client.approveResource('r1', 'Fine by me')).resolves.toEqual({
      id: 'a1',
      state: 'approved',
    });
    await client.rejectResource('r1');
    expect(calls).toEqual([
      {
        path: '/api/platform/resources/r1/approve',
        channel: 'portal',
        body: { comment: 'Fine by me' },
      },
      {
        path: '/api/platform/resources/r1/reject',
        channel: 'portal',
        body: {},
      },
    ]);
  });

  it('throws the refusal of a decision, such as the requester approving', async () => {
    const message = 'You requested this yourself; another approver must decide';
    server.use(
      http.post(`${baseUrl}/resources/r1/approve`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const failure = await client.approveResource('r1').catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(403);
    expect(failure.body.error.message).toBe(message);
  });
});
