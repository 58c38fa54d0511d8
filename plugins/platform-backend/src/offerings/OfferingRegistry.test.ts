import { ConfigReader } from '@backstage/config';
import { OfferingRegistry } from './OfferingRegistry';

const redisOffering = {
  id: 'redis-cache',
  name: 'Redis Cache',
  description: 'In-memory cache',
  type: 'cache',
  ownerTeam: 'platform-team',
  tier: 'premium',
  configurations: [
    { name: 'memory_mb', type: 'integer', default: 256, min: 64, max: 4096 },
  ],
};

describe('OfferingRegistry', () => {
  it('offers the three built-in offerings with schemas', () => {
    const registry = OfferingRegistry.create({
      config: new ConfigReader({}),
      moduleOfferings: [],
    });
    expect(registry.list().map(o => o.id)).toEqual([
      'web-application',
      'postgresql-database',
      'api-gateway',
    ]);
    expect(registry.get('api-gateway').schema.required).toEqual(['upstream']);
  });

  it('adds offerings from config and filters by type and tier', () => {
    const registry = OfferingRegistry.create({
      config: new ConfigReader({ platform: { offerings: [redisOffering] } }),
      moduleOfferings: [],
    });
    expect(registry.list({ tier: 'premium' }).map(o => o.id)).toEqual([
      'redis-cache',
    ]);
    expect(registry.list({ type: 'database' }).map(o => o.id)).toEqual([
      'postgresql-database',
    ]);
    expect(registry.get('redis-cache').schema.properties.memory_mb).toEqual({
      type: 'integer',
      default: 256,
      minimum: 64,
      maximum: 4096,
    });
  });

  it('refuses a duplicate id and names both sources', () => {
    expect(() =>
      OfferingRegistry.create({
        config: new ConfigReader({
          platform: {
            offerings: [{ ...redisOffering, id: 'web-application' }],
          },
        }),
        moduleOfferings: [],
      }),
    ).toThrow(
      "Offering 'web-application' is defined twice: by the built-in offerings and by app-config (platform.offerings)",
    );
  });

  it('refuses a default outside its own bounds', () => {
    expect(() =>
      OfferingRegistry.create({
        config: new ConfigReader({
          platform: {
            offerings: [
              {
                ...redisOffering,
                configurations: [
                  { name: 'memory_mb', type: 'integer', default: 1, min: 64 },
                ],
              },
            ],
          },
        }),
        moduleOfferings: [],
      }),
    ).toThrow(
      /'redis-cache' .* invalid defaults: config.memory_mb must be >= 64/,
    );
  });

  it('refuses a dependency on an unknown offering', () => {
    expect(() =>
      OfferingRegistry.create({
        config: new ConfigReader({}),
        moduleOfferings: [
          {
            source: 'module test',
            offerings: [
              {
                ...redisOffering,
                version: '1',
                dependencies: ['kafka'],
                configurations: [],
              },
            ],
          },
        ],
      }),
    ).toThrow(
      "Offering 'redis-cache' depends on 'kafka', which is not an offering",
    );
  });
});
