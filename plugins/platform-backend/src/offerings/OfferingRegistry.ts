import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Offering,
  OfferingField,
  OfferingWithSchema,
  builtinOfferings,
  offeringConfigSchema,
} from '@idp-kit/plugin-platform-common';
import { ModuleOfferings, settleOfferings } from './settleOfferings';

const FIELD_TYPES = ['integer', 'number', 'string', 'boolean'];

function readField(config: Config): OfferingField {
  const type = config.getString('type');
  if (!FIELD_TYPES.includes(type)) {
    throw new InputError(
      `Field '${config.getString(
        'name',
      )}' has type '${type}'; expected one of ${FIELD_TYPES.join(', ')}`,
    );
  }
  const defaultValue = config.getOptional('default');
  return {
    name: config.getString('name'),
    type: type as OfferingField['type'],
    title: config.getOptionalString('title'),
    description: config.getOptionalString('description'),
    default: defaultValue as OfferingField['default'],
    min: config.getOptionalNumber('min'),
    max: config.getOptionalNumber('max'),
    options: config.getOptionalStringArray('options'),
    required: config.getOptionalBoolean('required'),
    resourceRef: config.getOptionalString('resourceRef'),
  };
}

/** Reads `platform.offerings` from app-config. */
export function readOfferingsFromConfig(config: Config): Offering[] {
  return (config.getOptionalConfigArray('platform.offerings') ?? []).map(c => ({
    id: c.getString('id'),
    name: c.getString('name'),
    description: c.getString('description'),
    type: c.getString('type'),
    version: c.getOptionalString('version') ?? '1.0',
    ownerTeam: c.getString('ownerTeam'),
    tier: c.getOptionalString('tier') ?? 'standard',
    documentationUrl: c.getOptionalString('documentationUrl'),
    dependencies: c.getOptionalStringArray('dependencies') ?? [],
    configurations: (c.getOptionalConfigArray('configurations') ?? []).map(
      readField,
    ),
  }));
}

/**
 * The service catalog: every offering with its configuration schema, from
 * backend modules, app-config and the deprecated built-in set.
 */
export class OfferingRegistry {
  readonly #offerings = new Map<string, OfferingWithSchema>();
  #details: (offering: OfferingWithSchema) => Partial<OfferingWithSchema> =
    () => ({});

  /** What the service catalog shows besides the offering itself: lifetimes, prices. */
  describeWith(
    details: (offering: OfferingWithSchema) => Partial<OfferingWithSchema>,
  ) {
    this.#details = details;
  }

  /** An offering as the service catalog shows it. */
  describe(offering: OfferingWithSchema): OfferingWithSchema {
    return { ...offering, ...this.#details(offering) };
  }

  /**
   * The offerings of app-config, of the modules (`moduleOfferings`, which
   * `registerOfferingExtensionPoints` collects) and the built-in ones that
   * no module took over: those stay listed for modules that serve one with
   * the deprecated `addProvisioner`. See `settleOfferings` for what is refused.
   */
  static create(options: {
    config: Config;
    moduleOfferings: ModuleOfferings[];
  }): OfferingRegistry {
    const registry = new OfferingRegistry();
    const settled = settleOfferings({
      builtIn: builtinOfferings,
      fromConfig: readOfferingsFromConfig(options.config),
      fromModules: options.moduleOfferings,
    });
    for (const { offering, source, provisionedBy } of settled) {
      registry.#offerings.set(offering.id, {
        ...offering,
        schema: offeringConfigSchema(offering),
        source,
        ...(provisionedBy ? { provisionedBy } : {}),
      });
    }
    return registry;
  }

  list(filter?: { type?: string; tier?: string }): OfferingWithSchema[] {
    return [...this.#offerings.values()].filter(
      o =>
        (!filter?.type || o.type === filter.type) &&
        (!filter?.tier || o.tier === filter.tier),
    );
  }

  find(id: string): OfferingWithSchema | undefined {
    return this.#offerings.get(id);
  }

  get(id: string): OfferingWithSchema {
    const offering = this.#offerings.get(id);
    if (!offering) {
      throw new NotFoundError(`No offering '${id}'`);
    }
    return offering;
  }
}
