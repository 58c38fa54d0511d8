import { ConfigReader } from '@backstage/config';
import { Offering } from '@idp-kit/plugin-platform-common';
import { OfferingRegistry } from './OfferingRegistry';
import { ModuleOfferings } from './settleOfferings';

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

const kafkaOffering: Offering = {
  ...redisOffering,
  id: 'kafka-topic',
  name: 'Kafka Topic',
  type: 'messaging',
  version: '3',
  dependencies: [],
  configurations: [],
};

/** A module's contribution whose refusals are kept to be read. */
function fromModule(
  offerings: Offering[],
  serves: string[] = offerings.map(o => o.id),
): ModuleOfferings & { refusals: string[] } {
  const refusals: string[] = [];
  return {
    source: 'a backend module',
    offerings,
    serves,
    refuse: error => refusals.push(error.message),
    refusals,
  };
}

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

describe('OfferingRegistry with modules', () => {
  const create = (
    moduleOfferings: ModuleOfferings[],
    offerings: object[] = [],
  ) =>
    OfferingRegistry.create({
      config: new ConfigReader({ platform: { offerings } }),
      moduleOfferings,
    });

  it('names where each offering comes from and who provisions it', () => {
    const kafka = fromModule([kafkaOffering]);
    const redisProvisioner = fromModule([], ['redis-cache']);
    const registry = create([kafka, redisProvisioner], [redisOffering]);

    expect(
      registry.list().map(({ id, source, provisionedBy }) => ({
        id,
        source,
        provisionedBy,
      })),
    ).toEqual([
      { id: 'web-application', source: 'built-in', provisionedBy: undefined },
      {
        id: 'postgresql-database',
        source: 'built-in',
        provisionedBy: undefined,
      },
      { id: 'api-gateway', source: 'built-in', provisionedBy: undefined },
      {
        id: 'redis-cache',
        source: 'app-config',
        provisionedBy: 'a backend module',
      },
      {
        id: 'kafka-topic',
        source: 'a backend module',
        provisionedBy: 'a backend module',
      },
    ]);
    expect(kafka.refusals).toEqual([]);
    expect(redisProvisioner.refusals).toEqual([]);
  });

  it('lets a module take over a built-in offering, which keeps its place', () => {
    const gitops = fromModule([
      { ...kafkaOffering, id: 'web-application', name: 'Web App' },
    ]);
    const registry = create([gitops]);

    expect(registry.list().map(o => o.id)).toEqual([
      'web-application',
      'postgresql-database',
      'api-gateway',
    ]);
    expect(registry.get('web-application')).toMatchObject({
      name: 'Web App',
      source: 'a backend module',
      provisionedBy: 'a backend module',
    });
    expect(registry.get('api-gateway').source).toBe('built-in');
  });

  it('refuses a module offering whose id app-config already defines, and keeps that one', () => {
    const clash = fromModule([{ ...kafkaOffering, id: 'redis-cache' }]);
    const registry = create([clash], [redisOffering]);

    expect(clash.refusals).toEqual([
      "Offering 'redis-cache' is defined twice: by app-config (platform.offerings) and by a backend module",
    ]);
    expect(registry.get('redis-cache')).toMatchObject({
      name: 'Redis Cache',
      source: 'app-config',
    });
    expect(registry.get('redis-cache').provisionedBy).toBeUndefined();
  });

  it('refuses the second of two modules defining one id', () => {
    const first = fromModule([kafkaOffering]);
    const second = fromModule([{ ...kafkaOffering, name: 'Other' }]);
    const registry = create([first, second]);

    expect(first.refusals).toEqual([]);
    expect(second.refusals).toEqual([
      "Offering 'kafka-topic' is defined twice: by a backend module and another",
    ]);
    expect(registry.get('kafka-topic').name).toBe('Kafka Topic');
  });

  it('refuses a module offering with a default outside its bounds', () => {
    const broken = fromModule([
      {
        ...kafkaOffering,
        configurations: [
          { name: 'partitions', type: 'integer', default: 0, min: 1 },
        ],
      },
    ]);
    const registry = create([broken]);

    expect(broken.refusals).toEqual([
      "Offering 'kafka-topic' from a backend module has invalid defaults: config.partitions must be >= 1",
    ]);
    expect(registry.find('kafka-topic')).toBeUndefined();
  });

  it('refuses an offering whose dependency was refused, and so on down the line', () => {
    const broken = fromModule([
      { ...kafkaOffering, dependencies: ['zookeeper'] },
    ]);
    const dependent = fromModule([
      {
        ...kafkaOffering,
        id: 'kafka-connector',
        dependencies: ['kafka-topic'],
      },
    ]);
    const registry = create([dependent, broken]);

    expect(broken.refusals).toEqual([
      "Offering 'kafka-topic' depends on 'zookeeper', which is not an offering",
    ]);
    expect(dependent.refusals).toEqual([
      "Offering 'kafka-connector' depends on 'kafka-topic', which is not an offering",
    ]);
    expect(registry.list().map(o => o.id)).toEqual([
      'web-application',
      'postgresql-database',
      'api-gateway',
    ]);
  });

  it('refuses a provisioner for an offering nobody defines', () => {
    const stray = fromModule([], ['kafka-topic']);
    create([stray]);

    expect(stray.refusals).toEqual([
      "A provisioner is registered for 'kafka-topic', which is not an offering",
    ]);
  });

  it('stops at a mistake of app-config, which no module can be blamed for', () => {
    expect(() =>
      create([], [{ ...redisOffering, dependencies: ['kafka-topic'] }]),
    ).toThrow(
      "Offering 'redis-cache' depends on 'kafka-topic', which is not an offering",
    );
  });
});
