import { PolicyViolation } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';
import { ResourceStore } from '../resources/ResourceStore';
import { QuotaConfig } from './QuotaConfig';

/**
 * Refuses a new resource when the team has used its quota of the offering.
 * The store re-checks atomically when it records the resource.
 */
export class QuotaPolicy implements PlatformPolicy {
  readonly id = 'quota';
  readonly description =
    'Each team may have a limited number of live resources of each offering (platform.quotas)';
  readonly #quotas: QuotaConfig;
  readonly #store: ResourceStore;

  constructor(quotas: QuotaConfig, store: ResourceStore) {
    this.#quotas = quotas;
    this.#store = store;
  }

  async evaluate(context: PolicyContext): Promise<PolicyViolation[]> {
    if (context.action !== 'create') {
      return [];
    }
    const { team } = context.request;
    const offering = context.offering.id;
    const limit = this.#quotas.limitFor(team, offering);
    const used = (await this.#store.usage(team)).get(offering) ?? 0;
    if (used < limit) {
      return [];
    }
    return [
      {
        policy: this.id,
        reason: `Team ${team} has used ${used} of ${limit} ${offering} resources`,
      },
    ];
  }
}
