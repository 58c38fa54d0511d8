import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startPlatformTestBackend } from '../__testUtils__/platformTestBackend';

jest.setTimeout(60_000);

const guest = mockCredentials.user.header('user:default/guest');
const priya = mockCredentials.user.header('user:default/priya');

/** The platform with a limit of 3 calls a minute per principal. */
async function startLimitedBackend() {
  const { server } = await startPlatformTestBackend({
    platform: { rateLimit: { perPrincipal: { limit: 3 } } },
  });
  return server;
}

const invoke = (server: Parameters<typeof request>[0], auth: string) =>
  request(server)
    .post(
      '/api/platform/.backstage/actions/v1/actions/platform:list-offerings/invoke',
    )
    .set('Authorization', auth)
    .send({});

// supertest calls from 127.0.0.1, which Backstage's own limiter exempts.
describe('the rate limit per principal', () => {
  it('answers the API 429 with Retry-After over the limit, from loopback too, per principal', async () => {
    const server = await startLimitedBackend();
    for (let i = 0; i < 3; i++) {
      await request(server)
        .get('/api/platform/offerings')
        .set('Authorization', guest)
        .expect(200);
    }

    const refused = await request(server)
      .get('/api/platform/offerings')
      .set('Authorization', guest);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error.message).toBe(
      `Too many requests from user:default/guest: at most 3 in a minute; try again in ${retryAfter} seconds`,
    );
    expect(refused.body.response).toEqual({ statusCode: 429 });

    // Before its body is read: a body the API would refuse is not looked at.
    const unread = await request(server)
      .post('/api/platform/resources')
      .set('Authorization', guest)
      .send({ name: 'x'.repeat(10_000) });
    expect(unread.status).toBe(429);

    await request(server)
      .get('/api/platform/offerings')
      .set('Authorization', priya)
      .expect(200);
  });

  it('refuses an action over the limit with a 429 that says when to try again, per principal', async () => {
    const server = await startLimitedBackend();
    for (let i = 0; i < 3; i++) {
      await invoke(server, guest).expect(200);
    }

    const refused = await invoke(server, guest);
    expect(refused.status).toBe(429);
    // The name Backstage's MCP server passes to the assistant with the message.
    expect(refused.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^Too many requests from user:default\/guest: at most 3 in a minute; try again in \d+ seconds$/,
      ),
      retryAfterSeconds: expect.any(Number),
    });

    await invoke(server, priya).expect(200);
  });

  it('limits nothing with enabled: false', async () => {
    const { server } = await startPlatformTestBackend({
      platform: { rateLimit: { enabled: false, perPrincipal: { limit: 1 } } },
    });
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i++) {
      statuses.add((await invoke(server, guest)).status);
      statuses.add(
        (
          await request(server)
            .get('/api/platform/offerings')
            .set('Authorization', guest)
        ).status,
      );
    }
    expect([...statuses]).toEqual([200]);
  });
});
