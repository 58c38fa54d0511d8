import { InputError } from '@backstage/errors';
import { PlatformPolicy, PolicyContext } from '@idp-kit/plugin-platform-node';

/** A module's rule, asked only about requests for the offerings it came with. */
class OfferingScopedRule implements PlatformPolicy {
  readonly offeringIds = new Set<string>();

  constructor(readonly rule: PlatformPolicy) {}

  get id() {
    return this.rule.id;
  }

  get description() {
    return `${this.rule.description} (${[...this.offeringIds].join(
      ', ',
    )} only)`;
  }

  async evaluate(context: PolicyContext) {
    if (!this.offeringIds.has(context.offering.id)) {
      return [];
    }
    return this.rule.evaluate(context);
  }
}

/**
 * The rules that modules bring with their offerings, kept among the policies
 * the engine runs (`policies`), each limited to its own offerings.
 */
export class OfferingRules {
  readonly #policies: PlatformPolicy[];
  readonly #scoped = new Map<string, OfferingScopedRule>();

  constructor(policies: PlatformPolicy[]) {
    this.#policies = policies;
  }

  /** Adds an offering's rules, or none of them when one's id is taken. */
  add(offeringId: string, rules: PlatformPolicy[]) {
    const taken = rules.find(
      rule =>
        this.#scoped.has(rule.id) && this.#scoped.get(rule.id)!.rule !== rule,
    );
    if (taken) {
      throw new InputError(
        `Rule '${taken.id}' of offering '${offeringId}' has the id of another rule`,
      );
    }
    for (const rule of rules) {
      let scoped = this.#scoped.get(rule.id);
      if (!scoped) {
        scoped = new OfferingScopedRule(rule);
        this.#scoped.set(rule.id, scoped);
        this.#policies.push(scoped);
      }
      scoped.offeringIds.add(offeringId);
    }
  }

  /** Withdraws the rules of a refused offering. */
  remove(offeringId: string, rules: PlatformPolicy[]) {
    for (const rule of rules) {
      const scoped = this.#scoped.get(rule.id);
      if (scoped?.rule !== rule) {
        continue;
      }
      scoped.offeringIds.delete(offeringId);
      if (scoped.offeringIds.size === 0) {
        this.#scoped.delete(rule.id);
        this.#policies.splice(this.#policies.indexOf(scoped), 1);
      }
    }
  }
}
