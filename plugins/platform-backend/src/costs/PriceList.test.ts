import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { Offering, builtinOfferings } from '@idp-kit/plugin-platform-common';
import { testPricing } from '../__testUtils__/pricing';
import { PriceList } from './PriceList';

const priceList = (
  pricing: JsonObject,
  offerings: Offering[] = builtinOfferings,
) =>
  PriceList.fromConfig(new ConfigReader({ platform: { pricing } }), offerings);

describe('PriceList', () => {
  const prices = priceList(testPricing);

  it('prices every configured value of every offering', () => {
    const cases: Array<[string, Record<string, unknown>, number]> = [
      // cpu and memory per replica
      ['web-application', { replicas: 1, cpu: '250m', memory: '256Mi' }, 12],
      ['web-application', { replicas: 3, cpu: '500m', memory: '512Mi' }, 72],
      ['web-application', { replicas: 2, cpu: '1000m', memory: '1Gi' }, 96],
      ['web-application', { replicas: 2, cpu: '2000m', memory: '2Gi' }, 192],
      ['web-application', { replicas: 1, cpu: '250m', memory: '4Gi' }, 42],
      // size, backups per day, doubled for high availability
      [
        'postgresql-database',
        { size: 'small', backup_retention_days: 7, high_availability: false },
        23.5,
      ],
      [
        'postgresql-database',
        { size: 'medium', backup_retention_days: 10, high_availability: false },
        85,
      ],
      [
        'postgresql-database',
        { size: 'large', backup_retention_days: 14, high_availability: true },
        654,
      ],
      // rate limit tiers
      ['api-gateway', { rate_limit: 1000 }, 15],
      ['api-gateway', { rate_limit: 1001 }, 45],
      ['api-gateway', { rate_limit: 50000 }, 120],
    ];
    for (const [offering, config, monthly] of cases) {
      expect([
        offering,
        config,
        prices.priceOf(offering, config).monthly,
      ]).toEqual([offering, config, monthly]);
    }
    expect(
      prices.priceOf('postgresql-database', {
        size: 'large',
        backup_retention_days: 14,
        high_availability: true,
      }).breakdown,
    ).toEqual([
      { item: 'size', monthly: 320 },
      { item: 'backups', monthly: 7 },
      { item: 'high availability', monthly: 327 },
    ]);
  });

  it('refuses a model that leaves a value unpriced or names no field, saying where', () => {
    expect(() =>
      priceList({
        offerings: {
          'postgresql-database': {
            rules: [{ item: 'size', field: 'size', prices: { small: 1 } }],
          },
        },
      }),
    ).toThrow(
      "The price of offering 'postgresql-database' is invalid: rule 0 (size) has no price for size medium, large",
    );
    expect(() =>
      priceList({
        offerings: {
          'api-gateway': { rules: [{ item: 'x', field: 'nope', perUnit: 1 }] },
        },
      }),
    ).toThrow("rule 0 (x) names 'nope', which is not a field of the offering");
    expect(() =>
      priceList({ offerings: { 'no-such-offering': { rules: [] } } }),
    ).toThrow('platform.pricing.offerings.no-such-offering prices no offering');
  });

  it("uses a module's price model unless the config prices the offering", () => {
    const moduleOffering: Offering = {
      ...builtinOfferings[0],
      id: 'message-queue',
      pricing: { rules: [{ item: 'queue', monthly: 9 }] },
    };
    const fromModule = priceList({ currency: 'EUR' }, [
      ...builtinOfferings,
      moduleOffering,
    ]);
    expect(fromModule.priceOf('message-queue', {}).monthly).toBe(9);
    const overridden = priceList(
      {
        offerings: {
          'message-queue': { rules: [{ item: 'queue', monthly: 4 }] },
        },
      },
      [...builtinOfferings, moduleOffering],
    );
    expect(overridden.priceOf('message-queue', {}).monthly).toBe(4);
    expect(overridden.currency).toBe('USD');
  });
});
