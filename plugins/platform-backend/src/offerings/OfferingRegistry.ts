import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Offering,
  OfferingField,
  OfferingWithSchema,
  builtinOfferings,
  offeringConfigSchema,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';

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
 * the built-in set, app-config and backend modules.
 */
export class OfferingRegistry {
  readonly #offerings = new Map<string, OfferingWithSchema>();
  readonly #sources = new Map<string, string>();
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
   * Adds offerings from one source. A duplicate id, or a field whose default
   * breaks its own bounds, is an error that names the source.
   */
  add(source: string, offerings: Offering[]) {
    for (const offering of offerings) {
      const previous = this.#sources.get(offering.id);
      if (previous) {
        throw new InputError(
          `Offering '${offering.id}' is defined twice: by ${previous} and by ${source}`,
        );
      }
      const withSchema = {
        ...offering,
        schema: offeringConfigSchema(offering),
      };
      const defaults = validateOfferingConfig(withSchema, {});
      const broken = defaults.valid
        ? []
        : defaults.errors.filter(e => e.message !== 'is required');
      if (broken.length > 0) {
        const detail = broken.map(e => `${e.field} ${e.message}`).join('; ');
        throw new InputError(
          `Offering '${offering.id}' from ${source} has invalid defaults: ${detail}`,
        );
      }
      this.#offerings.set(offering.id, withSchema);
      this.#sources.set(offering.id, source);
    }
  }

  static create(options: {
    config: Config;
    moduleOfferings: { source: string; offerings: Offering[] }[];
  }): OfferingRegistry {
    const registry = new OfferingRegistry();
    registry.add('the built-in offerings', builtinOfferings);
    registry.add(
      'app-config (platform.offerings)',
      readOfferingsFromConfig(options.config),
    );
    for (const { source, offerings } of options.moduleOfferings) {
      registry.add(source, offerings);
    }
    for (const offering of registry.#offerings.values()) {
      for (const dependency of offering.dependencies) {
        if (!registry.#offerings.has(dependency)) {
          throw new InputError(
            `Offering '${offering.id}' depends on '${dependency}', which is not an offering`,
          );
        }
      }
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
