import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { builtinOfferings } from '@idp-kit/plugin-platform-common';
import {
  OfferingContribution,
  platformOfferingsExtensionPoint,
} from '@idp-kit/plugin-platform-node';
import { GitOpsProvisioner } from './GitOpsProvisioner';
import { platformModuleGitOps } from './module';

describe('platformModuleGitOps', () => {
  const mockDir = createMockDirectory();

  /** What the module contributes to the platform's offerings. */
  async function contributions(): Promise<OfferingContribution[]> {
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
    return added;
  }

  it('contributes web applications and API gateways, each with the GitOps provisioner', async () => {
    const units = await contributions();

    expect(units.map(u => u.offering.id)).toEqual([
      'web-application',
      'api-gateway',
    ]);
    const [webApplication, apiGateway] = units;
    expect(webApplication.provisioner).toBeInstanceOf(GitOpsProvisioner);
    // One repository, and one queue of commits to it, for both.
    expect(apiGateway.provisioner).toBe(webApplication.provisioner);
    expect((webApplication.provisioner as GitOpsProvisioner).offerings).toEqual(
      ['web-application', 'api-gateway'],
    );
    // Their production rules are the platform's environment rules.
    expect(units.map(u => u.rules)).toEqual([undefined, undefined]);
  });

  it('offers what the platform listed before the module brought its offerings', async () => {
    for (const { offering } of await contributions()) {
      expect(offering).toEqual(
        builtinOfferings.find(o => o.id === offering.id),
      );
    }
  });
});
