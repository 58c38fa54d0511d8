import { PriceModel } from './costs';
import { Lifetime } from './lifetimes';

/**
 * One configurable field of an offering, in the field-list format platform
 * teams write in `app-config.yaml` (`platform.offerings[].configurations`).
 *
 * @public
 */
export interface OfferingField {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean';
  title?: string;
  description?: string;
  default?: number | string | boolean;
  /** Inclusive lower bound for `integer` and `number` fields. */
  min?: number;
  /** Inclusive upper bound for `integer` and `number` fields. */
  max?: number;
  /** The allowed values of a `string` field. */
  options?: string[];
  /** A field without a default must be given unless this is `false`. */
  required?: boolean;
  /**
   * Names a resource of the given offering, of the same team and environment,
   * that this resource depends on (for example an API gateway's upstream).
   */
  resourceRef?: string;
}

/**
 * A service the platform offers for self-service, as listed in the service catalog.
 *
 * @public
 */
export interface Offering {
  id: string;
  name: string;
  description: string;
  type: string;
  version: string;
  ownerTeam: string;
  tier: string;
  documentationUrl?: string;
  /** Offerings whose resources this offering's resources depend on. */
  dependencies: string[];
  configurations: OfferingField[];
  /** The offering's price, unless `platform.pricing` prices it. */
  pricing?: PriceModel;
}

/**
 * The JSON Schema (draft 07) subset that offering schemas use.
 *
 * @public
 */
export interface OfferingJsonSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: false;
}

/**
 * An offering together with the JSON Schema of its configuration.
 *
 * @public
 */
export interface OfferingWithSchema extends Offering {
  schema: OfferingJsonSchema;
  /** Lifetimes per environment; an environment not listed has no lifetime. */
  lifetimes?: Record<string, Lifetime>;
  /** The currency of `pricing`. */
  currency?: string;
  /**
   * Who defines the offering: `app-config` (`platform.offerings`),
   * `built-in`, or the backend module that contributes it.
   */
  source?: string;
  /**
   * Who provisions its resources: the backend module whose provisioner
   * serves it. Absent when none does; its resources then fail to provision.
   */
  provisionedBy?: string;
}
