import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ResourceProvisioner,
  platformProvisionersExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import { GitOpsProvisioner } from './GitOpsProvisioner';
import { platformModuleGitOps } from './module';

describe('platformModuleGitOps', () => {
  const mockDir = createMockDirectory();

  it('registers the provisioner for web applications and API gateways', async () => {
    const added = new Map<string, ResourceProvisioner>();

    await startTestBackend({
      extensionPoints: [
        [
          platformProvisionersExtensionPoint,
          {
            addProvisioner: (offering, provisioner) =>
              added.set(offering, provisioner),
          },
        ],
      ],
      features: [
        platformModuleGitOps,
        mockServices.rootConfig.factory({
          data: {
            platform: {
              gitops: { repository: { path: mockDir.resolve('gitops') } },
            },
          },
        }),
      ],
    });

    expect([...added.keys()]).toEqual(['web-application', 'api-gateway']);
    expect(added.get('web-application')).toBeInstanceOf(GitOpsProvisioner);
    expect(added.get('api-gateway')).toBe(added.get('web-application'));
  });
});
