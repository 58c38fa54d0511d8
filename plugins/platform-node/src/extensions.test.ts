import {
  platformOfferingsExtensionPoint,
  platformPoliciesExtensionPoint,
  platformProvisionersExtensionPoint,
} from './extensions';

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
});
