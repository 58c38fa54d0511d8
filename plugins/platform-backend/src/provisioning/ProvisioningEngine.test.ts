import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import {
  PlatformResource,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { ResourceProvisioner } from '@idp-kit/plugin-platform-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyDatabaseMigrations } from '../database/migrations';
import { QuotaLedger } from '../quota/QuotaLedger';
import { NewResource, ResourceStore } from '../store/ResourceStore';
import { EngineOptions, defaultEngineOptions } from './EngineOptions';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { ProvisioningEngine } from './ProvisioningEngine';
import { Reconciler } from './Reconciler';
import { testSecretBox } from '../__testUtils__/secretBox';
import { WorkQueue } from './WorkQueue';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const fastOptions: EngineOptions = {
  ...defaultEngineOptions,
  sweepIntervalMs: 50,
  backoffInitialMs: 10,
  backoffMaxMs: 40,
  leaseMs: 400,
  attemptTimeoutMs: 2_000,
  abortGraceMs: 200,
  maxAttempts: 3,
};

function request(name: string, extra?: Partial<NewResource>): NewResource {
  return {
    offering: 'web-application',
    name,
    team: 'team-alpha',
    environment: 'development',
    config: { replicas: 2 },
    dependsOn: [],
    createdBy: 'user:default/guest',
    createdVia: 'api',
    ...extra,
  };
}

/** A provisioner that does nothing but succeed, unless told otherwise. */
function provisioner(
  overrides: Partial<ResourceProvisioner> = {},
): ResourceProvisioner {
  return {
    provision: async () => ({ outputs: { url: 'http://app' } }),
    deprovision: async () => {},
    getStatus: async () => ({ healthy: true }),
    ...overrides,
  };
}

describe('ProvisioningEngine', () => {
  const databases = createTestDatabases();
  const engines: ProvisioningEngine[] = [];

  afterEach(async () => {
    await Promise.all(engines.splice(0).map(e => e.stop()));
  });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(mockServices.database({ knex }));
    return { knex, store: new ResourceStore(knex) };
  }

  function startEngine(
    knex: Knex,
    provisioners: Record<string, ResourceProvisioner>,
    options: Partial<EngineOptions> = {},
  ) {
    const registry = new ProvisionerRegistry();
    for (const [offering, p] of Object.entries(provisioners)) {
      registry.add(offering, p);
    }
    const merged = { ...fastOptions, ...options };
    const engine = new ProvisioningEngine({
      queue: new WorkQueue(knex, { leaseMs: merged.leaseMs }),
      store: new ResourceStore(knex),
      provisioners: registry,
      secrets: testSecretBox(),
      logger: mockServices.logger.mock(),
      options: merged,
    });
    engines.push(engine);
    engine.start();
    return engine;
  }

  async function waitForState(
    store: ResourceStore,
    id: string,
    states: ResourceState[],
    timeoutMs = 20_000,
  ): Promise<PlatformResource> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const resource = await store.get(id);
      if (states.includes(resource.state)) {
        return resource;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Resource stayed ${resource.state}, expected ${states}`,
        );
      }
      await sleep(20);
    }
  }

  it.each(databases.eachSupportedId())(
    'provisions a resource and stores its secrets encrypted, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      startEngine(knex, {
        'web-application': provisioner({
          provision: async ({ appendEvent }) => {
            await appendEvent('Created the deployment');
            return {
              outputs: { url: 'http://storefront' },
              secrets: { password: 's3cret-value-123' },
            };
          },
        }),
      });
      const created = await store.create(request('storefront'), {});
      const ready = await waitForState(store, created.id, ['ready']);

      expect(ready.outputs).toEqual({ url: 'http://storefront' });
      expect(JSON.stringify(ready)).not.toContain('s3cret-value-123');
      const raw = await knex('platform_resources')
        .where({ id: created.id })
        .first();
      expect(raw.secrets).toBeTruthy();
      expect(raw.secrets).not.toContain('s3cret-value-123');
      expect(testSecretBox().open(created.id, raw.secrets)).toEqual({
        password: 's3cret-value-123',
      });

      const events = await store.events.list(created.id);
      expect(events.map(e => [e.state, e.message])).toEqual([
        ['pending', 'Requested through the api'],
        ['provisioning', 'Provisioning started (attempt 1)'],
        ['provisioning', 'Created the deployment'],
        ['ready', 'Ready (attempt 1)'],
      ]);
      expect(JSON.stringify(events)).not.toContain('s3cret-value-123');
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a failing attempt with backoff until it succeeds, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      let calls = 0;
      startEngine(knex, {
        'web-application': provisioner({
          provision: async () => {
            calls++;
            if (calls < 3) throw new Error(`flaky ${calls}`);
            return {};
          },
        }),
      });
      const created = await store.create(request('storefront'), {});
      await waitForState(store, created.id, ['ready']);
      expect(calls).toBe(3);
      const failures = (await store.events.list(created.id)).filter(
        e => e.type === 'attempt-failed',
      );
      expect(failures.map(e => e.attempt)).toEqual([1, 2]);
      expect(failures[0].message).toMatch(
        /^Attempt 1 failed: flaky 1; retrying in \d+ s$/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'fails the resource with the last error after the last attempt, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      let calls = 0;
      startEngine(knex, {
        'web-application': provisioner({
          provision: async () => {
            calls++;
            throw new Error(`cluster refused (${calls})`);
          },
        }),
      });
      const created = await store.create(request('storefront'), {});
      const failed = await waitForState(store, created.id, ['failed']);
      expect(calls).toBe(3);
      expect(failed.error).toBe('cluster refused (3)');
    },
  );

  it.each(databases.eachSupportedId())(
    'fails a resource whose offering has no provisioner, saying so, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      startEngine(knex, {});
      const created = await store.create(request('storefront'), {});
      const failed = await waitForState(store, created.id, ['failed']);
      expect(failed.error).toBe(
        "No provisioner is registered for offering 'web-application'",
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'times out a hanging attempt through its abort signal, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const reasons: unknown[] = [];
      startEngine(
        knex,
        {
          'web-application': provisioner({
            provision: ({ signal }) =>
              new Promise((_, reject) => {
                signal.addEventListener('abort', () => {
                  reasons.push(signal.reason);
                  reject(new Error('stopped'));
                });
              }),
          }),
        },
        { attemptTimeoutMs: 100, maxAttempts: 2 },
      );
      const created = await store.create(request('storefront'), {});
      const failed = await waitForState(store, created.id, ['failed']);
      expect(failed.error).toBe('The attempt timed out after 0 s');
      expect(reasons).toEqual([
        expect.objectContaining({ name: 'AttemptTimeoutError' }),
        expect.objectContaining({ name: 'AttemptTimeoutError' }),
      ]);
    },
  );

  /**
   * A provisioner that keeps working after its signal aborts, until
   * `lingerMs` later or until `release` is called, recording when each
   * attempt ran.
   */
  function lingering(options: { lingerMs?: number; succeedFrom: number }) {
    const attempts: Array<{ start: number; end?: number }> = [];
    const releases: Array<() => void> = [];
    const slow = provisioner({
      provision: async ({ signal }) => {
        const run = { start: Date.now(), end: undefined as number | undefined };
        attempts.push(run);
        const number = attempts.length;
        try {
          if (number >= options.succeedFrom) {
            return {};
          }
          await new Promise<void>(resolve => {
            releases.push(resolve);
            signal.addEventListener('abort', () => {
              if (options.lingerMs !== undefined) {
                setTimeout(resolve, options.lingerMs);
              }
            });
          });
          throw new Error('gave up late');
        } finally {
          run.end = Date.now();
        }
      },
    });
    const overlaps = () =>
      attempts.filter((a, i) =>
        attempts.some(
          (b, j) =>
            i !== j && a.start >= b.start && a.start < (b.end ?? Infinity),
        ),
      ).length;
    return {
      provisioner: slow,
      attempts,
      overlaps,
      release: () => releases.splice(0).forEach(r => r()),
    };
  }

  it.each(databases.eachSupportedId())(
    'starts the retry of a timed-out attempt only once it has stopped, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const slow = lingering({ lingerMs: 600, succeedFrom: 3 });
      const options = { attemptTimeoutMs: 100, abortGraceMs: 5_000 };
      startEngine(knex, { 'web-application': slow.provisioner }, options);
      startEngine(knex, { 'web-application': slow.provisioner }, options);
      const created = await store.create(request('storefront'), {});
      await waitForState(store, created.id, ['ready']);

      expect(slow.attempts).toHaveLength(3);
      expect(slow.overlaps()).toBe(0);
      for (let i = 1; i < slow.attempts.length; i++) {
        expect(slow.attempts[i].start).toBeGreaterThanOrEqual(
          slow.attempts[i - 1].end!,
        );
      }
      // Each timed-out attempt ran on for its 600 ms after the abort.
      expect(
        slow.attempts[0].end! - slow.attempts[0].start,
      ).toBeGreaterThanOrEqual(650);
      const failures = (await store.events.list(created.id)).filter(
        e => e.type === 'attempt-failed',
      );
      expect(failures.map(e => e.message)).toEqual([
        expect.stringMatching(
          /^Attempt 1 failed: The attempt timed out after 0 s;/,
        ),
        expect.stringMatching(
          /^Attempt 2 failed: The attempt timed out after 0 s;/,
        ),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'holds the lease of an attempt that outlives the grace period until it stops, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const slow = lingering({ succeedFrom: 2 });
      const options = { attemptTimeoutMs: 100, abortGraceMs: 100 };
      startEngine(knex, { 'web-application': slow.provisioner }, options);
      startEngine(knex, { 'web-application': slow.provisioner }, options);
      const created = await store.create(request('storefront'), {});

      const stillRunning = async () =>
        (await store.events.list(created.id)).filter(e =>
          e.message.includes('has not stopped'),
        );
      const deadline = Date.now() + 10_000;
      while ((await stillRunning()).length === 0) {
        if (Date.now() > deadline || slow.attempts.length > 1) {
          throw new Error(
            `No wait was recorded; ${slow.attempts.length} attempts ran`,
          );
        }
        await sleep(20);
      }
      // Several lease periods (400 ms) pass: no replica takes the resource over.
      await sleep(1_500);
      expect(slow.attempts).toHaveLength(1);
      expect((await store.get(created.id)).state).toBe('provisioning');
      expect(await stillRunning()).toEqual([
        expect.objectContaining({
          attempt: 1,
          message:
            'Attempt 1 was aborted (The attempt timed out after 0 s) and has not stopped after 0.1 s; the next attempt waits until it has',
        }),
      ]);

      const released = Date.now();
      slow.release();
      await waitForState(store, created.id, ['ready']);
      expect(slow.attempts).toHaveLength(2);
      expect(slow.overlaps()).toBe(0);
      expect(slow.attempts[1].start).toBeGreaterThanOrEqual(released);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the slot of an attempt that does not stop to other work, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const deaf = provisioner({
        // Never settles, and does not listen to its signal.
        provision: () => new Promise(() => {}),
      });
      startEngine(
        knex,
        { 'web-application': deaf, 'api-gateway': provisioner() },
        { concurrency: 1, attemptTimeoutMs: 100, abortGraceMs: 100 },
      );
      const stuck = await store.create(request('stuck'), {});
      await waitForState(store, stuck.id, ['provisioning']);
      const other = await store.create(
        request('other', { offering: 'api-gateway' }),
        {},
      );

      await waitForState(store, other.id, ['ready'], 5_000);
      expect((await store.get(stuck.id)).state).toBe('provisioning');
      expect(
        (await store.events.list(stuck.id)).map(e => e.message),
      ).toContainEqual(expect.stringContaining('has not stopped'));
    },
  );

  it.each(databases.eachSupportedId())(
    'never drops a failing deletion, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      let deprovisions = 0;
      let allowDelete = false;
      startEngine(knex, {
        'web-application': provisioner({
          deprovision: async () => {
            deprovisions++;
            if (!allowDelete) throw new Error('cluster unreachable');
          },
        }),
      });
      const created = await store.create(request('storefront'), {});
      await waitForState(store, created.id, ['ready']);
      await store.transition({
        id: created.id,
        from: ['ready'],
        to: 'deleting',
        type: 'delete-requested',
        actor: 'user:default/guest',
        message: 'Deletion requested',
      });
      // More failures than maxAttempts: still deleting, error visible.
      while (deprovisions < 5) await sleep(20);
      const stuck = await store.get(created.id);
      expect(stuck.state).toBe('deleting');
      expect(stuck.error).toBe('cluster unreachable');

      allowDelete = true;
      await waitForState(store, created.id, ['deleted']);
      expect(
        (await new QuotaLedger(knex).used('team-alpha')).get('web-application'),
      ).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'never runs one resource on two engines at once, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const running = new Set<string>();
      const calls = new Map<string, number>();
      let overlaps = 0;
      const slow = provisioner({
        provision: async ({ resource }) => {
          if (running.has(resource.id)) overlaps++;
          running.add(resource.id);
          calls.set(resource.id, (calls.get(resource.id) ?? 0) + 1);
          await sleep(100);
          running.delete(resource.id);
          return {};
        },
      });
      startEngine(knex, { 'web-application': slow }, { concurrency: 3 });
      startEngine(knex, { 'web-application': slow }, { concurrency: 3 });
      const created = [];
      for (let i = 0; i < 10; i++) {
        created.push(await store.create(request(`app-${i}`), {}));
      }
      for (const resource of created) {
        await waitForState(store, resource.id, ['ready']);
      }
      expect(overlaps).toBe(0);
      expect([...calls.values()]).toEqual(Array(10).fill(1));
    },
  );

  it.each(databases.eachSupportedId())(
    'finishes the work of a crashed engine once its lease expires, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      // The "real thing" the provisioners create, keyed by resource id.
      const created = new Map<string, number>();
      let firstEngineCalls = 0;
      const crashing = startEngine(knex, {
        'web-application': provisioner({
          provision: async ({ resource }) => {
            firstEngineCalls++;
            created.set(resource.id, (created.get(resource.id) ?? 0) + 1);
            return new Promise(() => {}); // dies half-way
          },
        }),
      });
      const resource = await store.create(request('storefront'), {});
      await waitForState(store, resource.id, ['provisioning']);
      while (firstEngineCalls === 0) await sleep(10);
      await crashing.stop(); // no release: its lease has to lapse

      startEngine(knex, {
        'web-application': provisioner({
          provision: async ({ resource: r }) => {
            // Idempotent: reuses what the first attempt created.
            if (!created.has(r.id)) created.set(r.id, 1);
            return { outputs: { reused: true } };
          },
        }),
      });
      const ready = await waitForState(store, resource.id, ['ready']);
      expect(ready.outputs).toEqual({ reused: true });
      expect(created.get(resource.id)).toBe(1);
      expect(firstEngineCalls).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'provisions a dependent only after its dependency is ready, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const order: string[] = [];
      const recordingProvisioner = (delayMs: number) =>
        provisioner({
          provision: async ({ resource }) => {
            await sleep(delayMs);
            order.push(resource.name);
            return {};
          },
        });
      startEngine(knex, {
        'web-application': recordingProvisioner(300),
        'api-gateway': recordingProvisioner(0),
      });
      const app = await store.create(request('storefront'), {});
      const gateway = await store.create(
        request('storefront-api', {
          offering: 'api-gateway',
          config: { upstream: 'storefront' },
          dependsOn: [app.id],
        }),
        {},
      );
      await waitForState(store, gateway.id, ['ready']);
      expect(order).toEqual(['storefront', 'storefront-api']);
    },
  );

  it.each(databases.eachSupportedId())(
    'applies a configuration change through update, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const updates: unknown[] = [];
      startEngine(knex, {
        'web-application': provisioner({
          update: async ({ resource }) => {
            updates.push(resource.config);
            return { outputs: { replicas: resource.config.replicas } };
          },
        }),
      });
      const created = await store.create(request('storefront'), {});
      await waitForState(store, created.id, ['ready']);
      await store.transition({
        id: created.id,
        from: ['ready'],
        to: 'updating',
        type: 'update-requested',
        actor: 'user:default/guest',
        message: 'Change',
        changes: { config: { replicas: 4 } },
      });
      const updated = await waitForState(store, created.id, ['ready']);
      expect(updates).toEqual([{ replicas: 4 }]);
      expect(updated.outputs).toEqual({ replicas: 4 });
    },
  );

  it.each(databases.eachSupportedId())(
    'records health and drift when reconciling, %p',
    async databaseId => {
      const { knex, store } = await setup(databaseId);
      const p = provisioner({
        getStatus: async () => ({
          healthy: true,
          message: 'All pods running',
          actualConfig: { replicas: 3 },
        }),
      });
      startEngine(knex, { 'web-application': p });
      const created = await store.create(request('storefront'), {});
      await waitForState(store, created.id, ['ready']);

      const registry = new ProvisionerRegistry();
      registry.add('web-application', p);
      const reconciler = new Reconciler({
        store,
        provisioners: registry,
        secrets: testSecretBox(),
        logger: mockServices.logger.mock(),
      });
      await expect(reconciler.reconcileAll()).resolves.toBe(1);
      const reconciled = await store.get(created.id);
      expect(reconciled.health).toEqual({
        healthy: true,
        message: 'All pods running',
        checkedAt: expect.any(String),
      });
      expect(reconciled.drift).toEqual([
        { field: 'replicas', desired: 2, actual: 3 },
      ]);
    },
  );
});

describe('ProvisionerRegistry', () => {
  it('refuses a second provisioner for one offering', () => {
    const registry = new ProvisionerRegistry();
    registry.add('web-application', provisioner());
    expect(() => registry.add('web-application', provisioner())).toThrow(
      "A provisioner for offering 'web-application' is already registered; each offering has exactly one",
    );
  });
});
