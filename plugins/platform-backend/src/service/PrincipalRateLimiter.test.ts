import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TooManyRequestsError } from '../errors/TooManyRequestsError';
import { PrincipalRateLimiter } from './PrincipalRateLimiter';
import { readRateLimitOptions } from './RateLimitOptions';

const config = (rateLimit?: object) =>
  mockServices.rootConfig({ data: { platform: { rateLimit } } });

/** A limiter of 3 a minute per principal and per address, on a clock the test moves. */
function limiter() {
  let now = 1_000_000;
  const limit = { windowMs: 60_000, limit: 3 };
  return {
    limiter: new PrincipalRateLimiter(
      { perPrincipal: limit, perAddress: limit },
      () => now,
    ),
    wait: (ms: number) => {
      now += ms;
    },
  };
}

/** The refusal of a call, or undefined when it may go on. */
function refusalOf(take: () => void): TooManyRequestsError | undefined {
  try {
    take();
    return undefined;
  } catch (error) {
    if (error instanceof TooManyRequestsError) {
      return error;
    }
    throw error;
  }
}

describe('PrincipalRateLimiter', () => {
  const guest = mockCredentials.user('user:default/guest');

  it('refuses a principal over its limit, from loopback too, until its window ends', () => {
    const { limiter: l, wait } = limiter();
    for (let i = 0; i < 3; i++) {
      l.take({ credentials: guest, address: '127.0.0.1' });
    }
    wait(20_000);
    const refusal = refusalOf(() =>
      l.take({ credentials: guest, address: '::ffff:127.0.0.1' }),
    );
    expect(refusal?.statusCode).toBe(429);
    expect(refusal?.retryAfterSeconds).toBe(40);
    expect(refusal?.message).toBe(
      'Too many requests from user:default/guest: at most 3 in a minute; try again in 40 seconds',
    );
    // Another principal has a count of its own.
    l.take({ credentials: mockCredentials.user('user:default/priya') });
    wait(40_000);
    expect(refusalOf(() => l.take({ credentials: guest }))).toBeUndefined();
  });

  it("counts services by subject, but not the backend's own plugins", () => {
    const { limiter: l } = limiter();
    const ci = mockCredentials.service('external:ci');
    const catalog = mockCredentials.service('plugin:catalog');
    for (let i = 0; i < 3; i++) {
      l.take({ credentials: ci });
      l.take({ credentials: catalog });
    }
    expect(refusalOf(() => l.take({ credentials: ci }))?.message).toContain(
      'from service:external:ci',
    );
    expect(refusalOf(() => l.take({ credentials: catalog }))).toBeUndefined();
  });

  it('refuses an address over its limit whoever calls from it, but never loopback', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i++) {
      l.take({
        credentials: mockCredentials.user(`user:default/u${i}`),
        address: '203.0.113.7',
      });
    }
    const refusal = refusalOf(() =>
      l.take({
        credentials: mockCredentials.user('user:default/u9'),
        address: '203.0.113.7',
      }),
    );
    expect(refusal?.message).toContain('from 203.0.113.7');
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      for (let i = 0; i < 10; i++) {
        expect(() => l.take({ address })).not.toThrow();
      }
    }
  });

  it('is on by default at 600 a minute, off with enabled: false', () => {
    const defaults = { windowMs: 60_000, limit: 600 };
    expect(readRateLimitOptions(config())).toEqual({
      perPrincipal: defaults,
      perAddress: defaults,
    });
    expect(
      readRateLimitOptions(
        config({
          perPrincipal: { window: { seconds: 10 }, limit: 50 },
          perAddress: { window: 'PT1H' },
        }),
      ),
    ).toEqual({
      perPrincipal: { windowMs: 10_000, limit: 50 },
      perAddress: { windowMs: 3_600_000, limit: 600 },
    });
    expect(readRateLimitOptions(config({ enabled: false }))).toEqual({});
    const off = PrincipalRateLimiter.fromConfig(config({ enabled: false }));
    for (let i = 0; i < 1000; i++) {
      expect(() =>
        off.take({ credentials: guest, address: '203.0.113.7' }),
      ).not.toThrow();
    }
  });

  it.each([{ limit: 0 }, { limit: 1.5 }, { window: { seconds: 0 } }])(
    'refuses to start with perPrincipal %j',
    perPrincipal => {
      expect(() => readRateLimitOptions(config({ perPrincipal }))).toThrow(
        /platform\.rateLimit\.perPrincipal\./,
      );
    },
  );
});
