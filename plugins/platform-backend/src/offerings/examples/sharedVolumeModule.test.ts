import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/databases';
import { eventually } from '../../__testUtils__/notifications';
import { startPlatformTestBackend } from '../../__testUtils__/platformTestBackend';
import sharedVolumeModule from './sharedVolumeModule';

jest.setTimeout(120_000);

const guest = mockCredentials.user.header('user:default/guest');

describe('the example module of docs/provisioners.md', () => {
  it('is the file the guide shows, to the character', () => {
    const guide = fs.readFileSync(
      path.resolve(__dirname, '../../../../../docs/provisioners.md'),
      'utf8',
    );
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map(
      ([, code]) => code,
    );
    expect(blocks).toContain(
      fs.readFileSync(path.join(__dirname, 'sharedVolumeModule.ts'), 'utf8'),
    );
  });

  const databases = createTestDatabases();
  const volume = createMockDirectory();

  it.each(databases.eachSupportedId())(
    'offers shared volumes, provisions and removes them, and judges only them in production, on %s',
    async databaseId => {
      const { server } = await startPlatformTestBackend({
        knex: await databases.init(databaseId),
        features: [sharedVolumeModule],
        platform: {
          sharedVolume: { root: volume.path },
          provisioning: { sweepIntervalSeconds: 0.1 },
        },
      });
      const api = (method: 'get' | 'post' | 'delete', url: string) =>
        request(server)
          [method](`/api/platform${url}`)
          .set('Authorization', guest);
      const stateOf = (id: string) =>
        api('get', `/resources/${id}`).then(res => res.body);

      const offering = await api('get', '/offerings/shared-volume').expect(200);
      expect(offering.body).toMatchObject({
        source: 'a backend module',
        provisionedBy: 'a backend module',
      });

      const inProduction = (body: object) =>
        api('post', '/resources?dryRun=true')
          .send({ team: 'team-alpha', environment: 'production', ...body })
          .expect(200)
          .then(res => res.body);
      expect(
        await inProduction({
          offering: 'shared-volume',
          name: 'uploads',
          config: { backup: false },
        }),
      ).toMatchObject({
        allowed: false,
        violations: [
          {
            policy: 'shared-volume-production-backup',
            field: 'config.backup',
            reason: 'Shared volumes in production must be backed up',
          },
        ],
      });
      expect(
        await inProduction({
          offering: 'web-application',
          name: 'storefront',
          config: { replicas: 2 },
        }),
      ).toMatchObject({ allowed: true, violations: [] });

      const created = await api('post', '/resources')
        .send({
          offering: 'shared-volume',
          name: 'uploads',
          team: 'team-alpha',
          environment: 'development',
          config: { backup: true },
        })
        .expect(202);
      const id: string = created.body.id;
      const ready = await eventually(
        () => stateOf(id),
        resource => resource.state === 'ready',
      );
      expect(ready.state).toBe('ready');
      const directory = volume.resolve(id);
      expect(ready.outputs).toEqual({ path: directory });
      expect(
        JSON.parse(
          fs.readFileSync(path.join(directory, '.platform.json'), 'utf8'),
        ),
      ).toEqual({ backup: true });

      await api('delete', `/resources/${id}`).expect(202);
      const deleted = await eventually(
        () => stateOf(id),
        resource => resource.state === 'deleted',
      );
      expect(deleted.state).toBe('deleted');
      expect(fs.existsSync(directory)).toBe(false);
    },
  );
});
