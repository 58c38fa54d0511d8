import { Config } from '@backstage/config';
import {
  Offering,
  PriceItem,
  PriceModel,
  PriceRule,
} from '@idp-kit/plugin-platform-common';

/** What one resource costs a month, line by line. */
export interface Price {
  monthly: number;
  breakdown: PriceItem[];
}

const cents = (value: number) => Math.round(value * 100) / 100;

function readRule(config: Config): PriceRule {
  // Read whole: values such as 250m are not valid config keys to look up.
  const prices = config.getOptional<Record<string, unknown>>('prices');
  for (const [value, price] of Object.entries(prices ?? {})) {
    if (typeof price !== 'number' || !Number.isFinite(price)) {
      throw new Error(
        `The price of ${value} in rule '${config.getOptionalString(
          'item',
        )}' must be a number`,
      );
    }
  }
  return {
    item: config.getString('item'),
    monthly: config.getOptionalNumber('monthly'),
    field: config.getOptionalString('field'),
    prices: prices as Record<string, number> | undefined,
    perUnit: config.getOptionalNumber('perUnit'),
    tiers: config.getOptionalConfigArray('tiers')?.map(tier => ({
      upTo: tier.getOptionalNumber('upTo'),
      monthly: tier.getNumber('monthly'),
    })),
    per: config.getOptionalString('per'),
    equals: config.getOptional<string | number | boolean>('equals'),
    factor: config.getOptionalNumber('factor'),
  };
}

/** The problems of a price model for an offering, each naming its rule. */
function problemsOf(offering: Offering, model: PriceModel): string[] {
  const fields = new Map(offering.configurations.map(f => [f.name, f]));
  const problems: string[] = [];
  model.rules.forEach((rule, index) => {
    const at = `rule ${index} (${rule.item})`;
    const kinds = [
      rule.monthly !== undefined,
      rule.prices !== undefined,
      rule.perUnit !== undefined,
      rule.tiers !== undefined,
      rule.factor !== undefined,
    ].filter(Boolean).length;
    if (kinds !== 1) {
      problems.push(
        `${at} needs exactly one of monthly, prices, perUnit, tiers, factor`,
      );
    }
    if (rule.tiers && rule.tiers[rule.tiers.length - 1]?.upTo !== undefined) {
      problems.push(`${at} needs a last tier without upTo, for the rest`);
    }
    for (const name of [rule.field, rule.per]) {
      if (name !== undefined && !fields.has(name)) {
        problems.push(
          `${at} names '${name}', which is not a field of the offering`,
        );
      }
    }
    if (
      (rule.prices ||
        rule.tiers ||
        rule.perUnit !== undefined ||
        rule.factor !== undefined) &&
      !rule.field
    ) {
      problems.push(`${at} needs the field it prices`);
    }
    const options = rule.field ? fields.get(rule.field)?.options : undefined;
    if (rule.prices && options) {
      const unpriced = options.filter(option => !(option in rule.prices!));
      if (unpriced.length > 0) {
        problems.push(
          `${at} has no price for ${rule.field} ${unpriced.join(', ')}`,
        );
      }
    }
  });
  return problems;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Offerings' monthly prices, from `platform.pricing` or from the price model
 * a module gave its offering, in one currency.
 */
export class PriceList {
  readonly currency: string;
  readonly #models: Map<string, PriceModel>;

  constructor(currency: string, models: Map<string, PriceModel>) {
    this.currency = currency;
    this.#models = models;
  }

  /** Reads and checks every model against its offering; config wins over a module's. */
  static fromConfig(config: Config, offerings: Offering[]): PriceList {
    const pricing = config.getOptionalConfig('platform.pricing');
    const configured = pricing?.getOptionalConfig('offerings');
    const models = new Map<string, PriceModel>();
    for (const offering of offerings) {
      const model = configured?.has(offering.id)
        ? {
            rules: configured
              .getConfig(offering.id)
              .getConfigArray('rules')
              .map(readRule),
          }
        : offering.pricing;
      if (!model) {
        continue;
      }
      const problems = problemsOf(offering, model);
      if (problems.length > 0) {
        throw new Error(
          `The price of offering '${offering.id}' is invalid: ${problems.join(
            '; ',
          )}`,
        );
      }
      models.set(offering.id, model);
    }
    for (const id of configured?.keys() ?? []) {
      if (!offerings.some(o => o.id === id)) {
        throw new Error(`platform.pricing.offerings.${id} prices no offering`);
      }
    }
    return new PriceList(
      pricing?.getOptionalString('currency') ?? 'USD',
      models,
    );
  }

  /** Whether any offering has a price. */
  get priced(): boolean {
    return this.#models.size > 0;
  }

  modelOf(offering: string): PriceModel | undefined {
    return this.#models.get(offering);
  }

  /** The monthly price of a configuration; zero for an offering without one. */
  priceOf(offering: string, config: Record<string, unknown>): Price {
    const model = this.#models.get(offering);
    const breakdown: PriceItem[] = [];
    let subtotal = 0;
    for (const rule of model?.rules ?? []) {
      const value = rule.field === undefined ? undefined : config[rule.field];
      const times = rule.per === undefined ? 1 : numberOf(config[rule.per]);
      let amount = 0;
      if (rule.factor !== undefined) {
        amount = value === rule.equals ? subtotal * (rule.factor - 1) : 0;
      } else if (rule.prices) {
        amount = (rule.prices[String(value)] ?? 0) * times;
      } else if (rule.tiers) {
        const count = numberOf(value);
        const tier = rule.tiers.find(
          t => t.upTo === undefined || count <= t.upTo,
        );
        amount = (tier?.monthly ?? 0) * times;
      } else if (rule.perUnit !== undefined) {
        amount = numberOf(value) * rule.perUnit * times;
      } else {
        amount = (rule.monthly ?? 0) * times;
      }
      subtotal += amount;
      if (amount !== 0) {
        breakdown.push({ item: rule.item, monthly: cents(amount) });
      }
    }
    return { monthly: cents(subtotal), breakdown };
  }
}
