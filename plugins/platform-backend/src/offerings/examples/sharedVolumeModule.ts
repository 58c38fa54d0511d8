import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  PlatformPolicy,
  ProvisionerContext,
  ResourceProvisioner,
  platformOfferingsExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import fs from 'fs/promises';
import path from 'path';

export default createBackendModule({
  pluginId: 'platform',
  moduleId: 'shared-volume',
  register(env) {
    env.registerInit({
      deps: {
        offerings: platformOfferingsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ offerings, config }) {
        const root = config.getString('platform.sharedVolume.root');
        // Named by the resource id: a re-run after a crash finds the same one.
        const directoryOf = (id: string) => path.join(root, id);
        const settingsOf = (id: string) =>
          path.join(directoryOf(id), '.platform.json');

        // Creating a directory that exists and overwriting the settings are
        // both harmless, so provision and update may run twice.
        const write = async ({ resource, appendEvent }: ProvisionerContext) => {
          const directory = directoryOf(resource.id);
          await fs.mkdir(directory, { recursive: true });
          // The backup job reads this; the platform only records the wish.
          await fs.writeFile(
            settingsOf(resource.id),
            JSON.stringify({ backup: resource.config.backup }),
          );
          await appendEvent(`Directory ${directory} is ready`);
          return { outputs: { path: directory } };
        };

        const provisioner: ResourceProvisioner = {
          provision: write,
          update: write,
          async deprovision({ resource }) {
            // A directory that is gone already is not an error.
            await fs.rm(directoryOf(resource.id), {
              recursive: true,
              force: true,
            });
          },
          async getStatus({ resource }) {
            try {
              const settings = await fs.readFile(settingsOf(resource.id));
              return { healthy: true, actualConfig: JSON.parse(`${settings}`) };
            } catch {
              return { healthy: false, message: 'The directory is missing' };
            }
          },
        };

        // Asked only about shared volumes, never about other offerings.
        const backedUpInProduction: PlatformPolicy = {
          id: 'shared-volume-production-backup',
          description: 'Shared volumes in production are backed up',
          async evaluate({ request }) {
            if (request.environment !== 'production' || request.config.backup) {
              return [];
            }
            return [
              {
                policy: 'shared-volume-production-backup',
                field: 'config.backup',
                reason: 'Shared volumes in production must be backed up',
              },
            ];
          },
        };

        offerings.addOffering({
          offering: {
            id: 'shared-volume',
            name: 'Shared Volume',
            description: 'A directory on the shared volume for your pods',
            type: 'storage',
            version: '1',
            ownerTeam: 'platform-team',
            tier: 'standard',
            dependencies: [],
            configurations: [
              {
                name: 'backup',
                type: 'boolean',
                description: 'Back the directory up every night',
                default: false,
              },
            ],
          },
          provisioner,
          rules: [backedUpInProduction],
        });
      },
    });
  },
});
