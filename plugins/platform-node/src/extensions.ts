import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Offering } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy } from './policies';
import { ResourceProvisioner } from './provisioners';

/**
 * An offering as one unit: what it is, what provisions its resources, and
 * the rules that apply to it alone.
 *
 * @public
 */
export interface OfferingContribution {
  /** The offering as the service catalog lists it. */
  offering: Offering;
  /** Creates, changes and removes the real thing behind its resources. */
  provisioner: ResourceProvisioner;
  /**
   * Policies asked only about requests for this offering, besides the
   * policies every request meets. Their ids are unique among all policies;
   * one rule given with several offerings judges each of them.
   */
  rules?: PlatformPolicy[];
}

/**
 * Adds offerings to the service catalog.
 *
 * @public
 */
export interface PlatformOfferingsExtensionPoint {
  /**
   * Adds an offering together with its provisioner and its own rules. An
   * offering of the same id from app-config or another module stops the
   * backend at start-up, naming the module that contributed it.
   */
  addOffering(contribution: OfferingContribution): void;
  /**
   * Adds offerings without their provisioner.
   *
   * @deprecated Contribute each offering with its provisioner and rules:
   * `addOffering({ offering, provisioner, rules })`.
   */
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
  /**
   * Registers the provisioner of an offering that is defined elsewhere.
   *
   * @deprecated Contribute the offering with its provisioner and rules:
   * `addOffering({ offering, provisioner, rules })` on
   * {@link platformOfferingsExtensionPoint}. It still serves an offering
   * defined in app-config (`platform.offerings`) or one of the built-in
   * offerings, for modules written before that form.
   */
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
