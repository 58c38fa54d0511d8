import { PolicyViolation } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';
import { QuotaLedger } from './QuotaLedger';

/**
 * Refuses a new resource when the team has used its quota of the offering,
 * so the verdict says so before anything is recorded; the ledger claims the
 * place atomically when the resource is recorded.
 */
export class QuotaPolicy implements PlatformPolicy {
  readonly id = 'quota';
  readonly description =
    'Each team may have a limited number of live resources of each offering (platform.quotas)';
  readonly #ledger: QuotaLedger;

  constructor(ledger: QuotaLedger) {
    this.#ledger = ledger;
  }

  async evaluate(context: PolicyContext): Promise<PolicyViolation[]> {
    if (context.action !== 'create') {
      return [];
    }
    const { team } = context.request;
    const offering = context.offering.id;
    const limit = this.#ledger.limitFor(team, offering);
    const { used } = await this.#ledger.usageOf(team, offering);
    // A create judged again once approved holds its place already.
    const held = context.resource ? 1 : 0;
    if (used - held < limit) {
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
