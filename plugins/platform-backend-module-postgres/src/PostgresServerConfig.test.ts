import { ConfigReader } from '@backstage/config';
import { readPostgresServerConfig } from './PostgresServerConfig';

describe('readPostgresServerConfig', () => {
  it('defaults to a local server', () => {
    expect(readPostgresServerConfig(new ConfigReader({}))).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: undefined,
      database: 'postgres',
      deletionPolicy: 'delete',
      connectTimeoutMs: 5000,
    });
  });

  it('reads platform.postgres', () => {
    expect(
      readPostgresServerConfig(
        new ConfigReader({
          platform: {
            postgres: {
              host: 'db.internal',
              port: 6432,
              user: 'provisioner',
              password: 'secret',
              database: 'admin',
              deletionPolicy: 'orphan',
              connectTimeoutSeconds: 2,
            },
          },
        }),
      ),
    ).toEqual({
      host: 'db.internal',
      port: 6432,
      user: 'provisioner',
      password: 'secret',
      database: 'admin',
      deletionPolicy: 'orphan',
      connectTimeoutMs: 2000,
    });
  });

  it('refuses an unknown deletion policy', () => {
    expect(() =>
      readPostgresServerConfig(
        new ConfigReader({
          platform: { postgres: { deletionPolicy: 'keep' } },
        }),
      ),
    ).toThrow(/deletionPolicy "keep": use delete or orphan/);
  });
});
