/**
 * How long resources of an offering live in one environment, as ISO 8601
 * durations (`P7D`); null where there is no default or no maximum.
 *
 * @public
 */
export interface Lifetime {
  default: string | null;
  max: string | null;
}

/**
 * The lifetime a request gets.
 *
 * @public
 */
export interface LifetimeVerdict extends Lifetime {
  /** When the resource would expire; null when never. */
  expiresAt: string | null;
  /** The latest `expiresAt` that may be asked for; null when any. */
  maxExpiresAt: string | null;
}
