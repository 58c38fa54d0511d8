import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  platformProvisionersExtensionPoint,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';
import { platformModulePostgres } from './module';
import { PostgresProvisioner } from './PostgresProvisioner';

describe('platformModulePostgres', () => {
  it('registers the provisioner of postgresql-database', async () => {
    const added = new Map<string, ResourceProvisioner>();

    await startTestBackend({
      extensionPoints: [
        [
          platformProvisionersExtensionPoint,
          {
            addProvisioner: (
              offering: string,
              provisioner: ResourceProvisioner,
            ) => added.set(offering, provisioner),
          },
        ],
      ],
      features: [
        platformModulePostgres,
        mockServices.rootConfig.factory({
          data: { platform: { postgres: { port: 5433 } } },
        }),
      ],
    });

    expect([...added.keys()]).toEqual(['postgresql-database']);
    expect(added.get('postgresql-database')).toBeInstanceOf(
      PostgresProvisioner,
    );
  });
});
