import { ResourceProvisioner } from '@idp-kit/plugin-platform-node';

/** One provisioner per offering, registered by backend modules. */
export class ProvisionerRegistry {
  readonly #provisioners = new Map<string, ResourceProvisioner>();

  add(offeringId: string, provisioner: ResourceProvisioner) {
    if (this.#provisioners.has(offeringId)) {
      throw new Error(
        `A provisioner for offering '${offeringId}' is already registered; each offering has exactly one`,
      );
    }
    this.#provisioners.set(offeringId, provisioner);
  }

  find(offeringId: string): ResourceProvisioner | undefined {
    return this.#provisioners.get(offeringId);
  }

  offerings(): string[] {
    return [...this.#provisioners.keys()];
  }
}
