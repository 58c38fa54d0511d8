import { Offering } from '@idp-kit/plugin-platform-common';
import {
  OfferingContribution,
  PlatformOfferingsExtensionPoint,
  platformOfferingsExtensionPoint,
  platformPoliciesExtensionPoint,
  platformProvisionersExtensionPoint,
} from './extensions';
import { ResourceProvisioner } from './provisioners';

const kafkaTopic: Offering = {
  id: 'kafka-topic',
  name: 'Kafka Topic',
  description: 'A topic on the shared cluster',
  type: 'messaging',
  version: '3',
  ownerTeam: 'platform-team',
  tier: 'standard',
  dependencies: [],
  configurations: [],
};

const provisioner: ResourceProvisioner = {
  async provision() {
    return {};
  },
  async deprovision() {},
  async getStatus() {
    return { healthy: true };
  },
};

describe('platform extension points', () => {
  it('have distinct ids under the platform plugin', () => {
    const ids = [
      platformOfferingsExtensionPoint.id,
      platformPoliciesExtensionPoint.id,
      platformProvisionersExtensionPoint.id,
    ];
    expect(ids).toEqual([
      'platform.offerings',
      'platform.policies',
      'platform.provisioners',
    ]);
  });

  it('take an offering as one unit, and bare offerings from modules written before', () => {
    const received: Array<Offering | OfferingContribution>[] = [];
    // What the platform backend implements: one method for both forms.
    const offerings: PlatformOfferingsExtensionPoint = {
      addOffering(...items: Array<Offering | OfferingContribution>) {
        received.push(items);
      },
    };
    const rule = {
      id: 'kafka-production-replication',
      description: 'Production topics keep three copies',
      evaluate: async () => [],
    };

    offerings.addOffering({ offering: kafkaTopic, provisioner, rules: [rule] });
    offerings.addOffering(kafkaTopic, { ...kafkaTopic, id: 'kafka-acl' });

    expect(received).toEqual([
      [{ offering: kafkaTopic, provisioner, rules: [rule] }],
      [kafkaTopic, { ...kafkaTopic, id: 'kafka-acl' }],
    ]);
  });
});
