import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Offering } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy } from './policies';
import { ResourceProvisioner } from './provisioners';

/**
 * Adds offerings to the service catalog.
 *
 * @public
 */
export interface PlatformOfferingsExtensionPoint {
  addOffering(...offerings: Offering[]): void;
}

/**
 * Extension point for backend modules that add offerings.
 *
 * @public
 */
export const platformOfferingsExtensionPoint =
  createExtensionPoint<PlatformOfferingsExtensionPoint>({
    id: 'platform.offerings',
  });

/**
 * Adds policies that every request is checked against.
 *
 * @public
 */
export interface PlatformPoliciesExtensionPoint {
  addPolicy(...policies: PlatformPolicy[]): void;
}

/**
 * Extension point for backend modules that add policies.
 *
 * @public
 */
export const platformPoliciesExtensionPoint =
  createExtensionPoint<PlatformPoliciesExtensionPoint>({
    id: 'platform.policies',
  });

/**
 * Registers the provisioner of an offering; one per offering.
 *
 * @public
 */
export interface PlatformProvisionersExtensionPoint {
  addProvisioner(offeringId: string, provisioner: ResourceProvisioner): void;
}

/**
 * Extension point for backend modules that provision resources.
 *
 * @public
 */
export const platformProvisionersExtensionPoint =
  createExtensionPoint<PlatformProvisionersExtensionPoint>({
    id: 'platform.provisioners',
  });
