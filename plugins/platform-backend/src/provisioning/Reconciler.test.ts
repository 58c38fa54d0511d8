import { mockServices } from '@backstage/backend-test-utils';
import { ResourceProvisioner } from '@idp-kit/plugin-platform-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { testSecretBox } from '../__testUtils__/secretBox';
import { applyDatabaseMigrations } from '../database/migrations';
import { QuotaConfig } from '../quota/QuotaConfig';
import { QuotaLedger } from '../quota/QuotaLedger';
import { NewResource, ResourceStore } from '../store/ResourceStore';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { Reconciler } from './Reconciler';

jest.setTimeout(120_000);

const webApplication = (name: string): NewResource => ({
  offering: 'web-application',
  name,
  team: 'team-alpha',
  environment: 'development',
  config: { replicas: 2 },
  dependsOn: [],
  createdBy: 'user:default/guest',
  createdVia: 'api',
});

describe('Reconciler', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'checks every ready resource over several pages, each page read and recorded at once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      const store = new ResourceStore(knex, {
        quota: new QuotaLedger(
          knex,
          new QuotaConfig({ 'web-application': 1_000 }, {}),
        ),
      });
      const secrets = testSecretBox();
      const created = [];
      for (let i = 0; i < 230; i++) {
        created.push(await store.create(webApplication(`app-${i}`), {}));
      }
      const readyIds = created.slice(0, 220).map(r => r.id);
      await knex('platform_resources')
        .whereIn('id', readyIds)
        .update({ state: 'ready' });
      const [withSecret] = created;
      await knex('platform_resources')
        .where({ id: withSecret.id })
        .update({
          secrets: secrets.seal(withSecret.id, { password: 's3cret' }),
        });

      const seenSecrets = new Map<string, Record<string, string>>();
      const provisioner: ResourceProvisioner = {
        provision: async () => ({}),
        deprovision: async () => {},
        getStatus: async ({ resource, secrets: opened }) => {
          seenSecrets.set(resource.id, opened);
          if (resource.name === 'app-1') {
            throw new Error('the cluster did not answer');
          }
          return {
            healthy: resource.name !== 'app-2',
            message: `${resource.name} checked`,
            actualConfig: { replicas: resource.name === 'app-3' ? 5 : 2 },
          };
        },
      };
      const provisioners = new ProvisionerRegistry();
      provisioners.add('web-application', provisioner);
      const reconciler = new Reconciler({
        store,
        provisioners,
        secrets,
        logger: mockServices.logger.mock(),
      });

      const statements: string[] = [];
      const count = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', count);
      await expect(reconciler.reconcileAll()).resolves.toBe(220);
      knex.off('query', count);

      // Three pages of at most 100: a list, a secrets read and a write of
      // two statements each (with the transaction's own), never per resource.
      expect(statements.length).toBeLessThanOrEqual(3 * 6);
      expect([...seenSecrets.keys()].sort()).toEqual([...readyIds].sort());
      expect(seenSecrets.get(withSecret.id)).toEqual({ password: 's3cret' });

      const byName = new Map(
        (await store.list({ limit: 500 })).items.map(r => [r.name, r]),
      );
      expect(byName.get('app-0')?.health).toEqual({
        healthy: true,
        message: 'app-0 checked',
        checkedAt: expect.any(String),
      });
      expect(byName.get('app-0')?.drift).toEqual([]);
      expect(byName.get('app-1')?.health).toMatchObject({
        healthy: false,
        message: 'Status check failed: Error: the cluster did not answer',
      });
      expect(byName.get('app-2')?.health?.healthy).toBe(false);
      expect(byName.get('app-3')?.drift).toEqual([
        { field: 'replicas', desired: 2, actual: 5 },
      ]);
      // Resources that are not ready are not checked.
      expect(byName.get('app-225')?.health).toBeUndefined();

      const checks = await knex('platform_health_checks').select(
        'resource_id',
        'healthy',
      );
      expect(checks).toHaveLength(220);
      expect(new Set(checks.map(c => c.resource_id))).toEqual(
        new Set(readyIds),
      );
      expect(checks.filter(c => !c.healthy)).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'records the checks made before a run is aborted, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      const store = new ResourceStore(knex);
      for (const name of ['one', 'two', 'three']) {
        await store.create(webApplication(name), {});
      }
      await knex('platform_resources').update({ state: 'ready' });
      const controller = new AbortController();
      const provisioners = new ProvisionerRegistry();
      provisioners.add('web-application', {
        provision: async () => ({}),
        deprovision: async () => {},
        getStatus: async () => {
          controller.abort();
          return { healthy: true };
        },
      });
      const reconciler = new Reconciler({
        store,
        provisioners,
        secrets: testSecretBox(),
        logger: mockServices.logger.mock(),
      });

      await expect(reconciler.reconcileAll(controller.signal)).resolves.toBe(1);
      const checked = (await store.list({})).items.filter(r => r.health);
      expect(checked).toHaveLength(1);
      expect(await knex('platform_health_checks')).toHaveLength(1);
    },
  );
});
