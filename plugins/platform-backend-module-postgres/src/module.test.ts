import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { builtinOfferings } from '@idp-kit/plugin-platform-common';
import {
  OfferingContribution,
  platformOfferingsExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import { platformModulePostgres } from './module';
import { PostgresProvisioner } from './PostgresProvisioner';

describe('platformModulePostgres', () => {
  it('contributes postgresql-database with its provisioner, as the platform listed it before', async () => {
    const added: OfferingContribution[] = [];

    await startTestBackend({
      extensionPoints: [
        [
          platformOfferingsExtensionPoint,
          {
            addOffering: (...items) =>
              added.push(...(items as OfferingContribution[])),
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

    expect(added.map(u => u.offering.id)).toEqual(['postgresql-database']);
    const [database] = added;
    expect(database.provisioner).toBeInstanceOf(PostgresProvisioner);
    expect(database.offering).toEqual(
      builtinOfferings.find(o => o.id === 'postgresql-database'),
    );
    // High availability and backups in production are the platform's
    // environment rules, which app-config may change; the module adds none.
    expect(database.rules).toBeUndefined();
  });
});
