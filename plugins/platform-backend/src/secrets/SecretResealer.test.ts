import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'crypto';
import { createTestDatabases } from '../__testUtils__/databases';
import { newDevelopmentResource } from '../__testUtils__/resources';
import { applyDatabaseMigrations } from '../database/migrations';
import { ResourceStore } from '../store/ResourceStore';
import { SecretBox } from './SecretBox';
import { SecretResealer } from './SecretResealer';

jest.setTimeout(120_000);

function box(secrets: object) {
  return SecretBox.fromConfig(new ConfigReader({ platform: { secrets } }), {
    production: true,
    warn: () => {},
  });
}

const newResource = (name: string) =>
  newDevelopmentResource({ offering: 'postgresql-database', name });

describe('SecretResealer', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seals every secret of a previous key again with the current one, so the old key can go, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      const store = new ResourceStore(knex);
      const [oldKey, newKey] = [0, 1].map(() =>
        randomBytes(32).toString('base64'),
      );

      // More resources than one batch, sealed with the old key.
      const ids: string[] = [];
      for (let i = 0; i < 450; i++) {
        const resource = await store.create(newResource(`db-${i}`), {});
        ids.push(resource.id);
        await knex('platform_resources')
          .where({ id: resource.id })
          .update({
            secrets: box({ encryptionKey: oldKey }).seal(resource.id, {
              password: `pw-${i}`,
            }),
          });
      }

      const rotated = box({ encryptionKey: newKey, previousKeys: [oldKey] });
      const resealer = new SecretResealer({
        store: store.secrets,
        secrets: rotated,
        logger: mockServices.logger.mock(),
      });
      await expect(resealer.resealAll()).resolves.toEqual({
        resealed: 450,
        unreadable: 0,
      });
      // Nothing left to do, and the new key alone opens everything.
      await expect(resealer.resealAll()).resolves.toEqual({
        resealed: 0,
        unreadable: 0,
      });
      const newOnly = box({ encryptionKey: newKey });
      for (const [i, id] of ids.entries()) {
        const sealed = await store.secrets.find(id);
        expect(newOnly.open(id, sealed!)).toEqual({ password: `pw-${i}` });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves a value alone that changed since it was read, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(mockServices.database({ knex }));
      const store = new ResourceStore(knex);
      const resource = await store.create(newResource('db'), {});
      await knex('platform_resources')
        .where({ id: resource.id })
        .update({ secrets: 'written-by-the-engine' });
      await expect(
        store.secrets.replace(resource.id, 'read-before', 'resealed'),
      ).resolves.toBe(false);
      expect(await store.secrets.find(resource.id)).toBe(
        'written-by-the-engine',
      );
    },
  );
});
