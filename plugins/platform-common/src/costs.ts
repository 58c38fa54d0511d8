/**
 * One part of an offering's monthly price, in the currency of
 * `platform.pricing`:
 * - `monthly`: a fixed amount;
 * - `field` + `prices`: the price of the field's value (a database's size);
 * - `field` + `perUnit`: the field's number times the unit price;
 * - `field` + `tiers`: the price of the first tier whose `upTo` the field's
 *   number does not exceed (a tier without `upTo` takes the rest);
 * - `per`: multiplies a value or unit price by another numeric field (replicas);
 * - `field` + `equals` + `factor`: multiplies everything before it when the
 *   field has that value (high availability doubles the price).
 *
 * @public
 */
export interface PriceRule {
  item: string;
  monthly?: number;
  field?: string;
  prices?: Record<string, number>;
  perUnit?: number;
  tiers?: Array<{ upTo?: number; monthly: number }>;
  per?: string;
  equals?: string | number | boolean;
  factor?: number;
}

/**
 * How an offering is priced: its rules, applied in order.
 *
 * @public
 */
export interface PriceModel {
  rules: PriceRule[];
}

/**
 * One line of a price.
 *
 * @public
 */
export interface PriceItem {
  item: string;
  monthly: number;
}

/**
 * What a request costs a month, and what the team then spends.
 *
 * @public
 */
export interface CostEstimate {
  /** The request's monthly price; for a change, the difference it makes. */
  monthly: number;
  currency: string;
  breakdown: PriceItem[];
  /** The team's estimated monthly spend once the request is made. */
  teamMonthly: number;
  /** The team's monthly budget; null when it has none. */
  budget: number | null;
}

/**
 * A team's estimated monthly spend on its live resources.
 *
 * @public
 */
export interface TeamSpend {
  team: string;
  currency: string;
  monthly: number;
  /** Keyed by offering id. */
  byOffering: Record<string, number>;
  budget: number | null;
}
