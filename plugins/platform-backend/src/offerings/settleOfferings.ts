import { InputError } from '@backstage/errors';
import {
  Offering,
  offeringConfigSchema,
  validateOfferingConfig,
} from '@idp-kit/plugin-platform-common';

/** The source of offerings defined in `platform.offerings`. */
export const APP_CONFIG = 'app-config';

/** The source of the deprecated built-in offerings. */
export const BUILT_IN = 'built-in';

/** What one call of a backend module contributed to the service catalog. */
export interface ModuleOfferings {
  /** Who contributed it, as errors and the service catalog say. */
  source: string;
  /** The offerings it defines. */
  offerings: Offering[];
  /** Ids of the offerings it brings the provisioner of. */
  serves?: string[];
  /**
   * Leaves the whole contribution out and fails the start-up of the module
   * that made it. Without it, the error stops the platform itself.
   */
  refuse?(error: Error): void;
}

/** An offering in the service catalog, with where it came from. */
export interface SettledOffering {
  offering: Offering;
  source: string;
  provisionedBy?: string;
}

function phrase(source: string): string {
  if (source === BUILT_IN) {
    return 'the built-in offerings';
  }
  if (source === APP_CONFIG) {
    return 'app-config (platform.offerings)';
  }
  return source;
}

/** A field whose default breaks its own bounds, if any. */
function invalidDefaults(offering: Offering, source: string) {
  const result = validateOfferingConfig(
    { schema: offeringConfigSchema(offering) },
    {},
  );
  const broken = result.valid
    ? []
    : result.errors.filter(e => e.message !== 'is required');
  if (broken.length === 0) {
    return undefined;
  }
  const detail = broken.map(e => `${e.field} ${e.message}`).join('; ');
  return new InputError(
    `Offering '${offering.id}' from ${phrase(
      source,
    )} has invalid defaults: ${detail}`,
  );
}

function definedTwice(id: string, previous: string, source: string) {
  const second = previous === source ? 'another' : `by ${phrase(source)}`;
  return new InputError(
    `Offering '${id}' is defined twice: by ${phrase(previous)} and ${second}`,
  );
}

function unknownDependency(offering: Offering, dependency: string) {
  return new InputError(
    `Offering '${offering.id}' depends on '${dependency}', which is not an offering`,
  );
}

/**
 * Decides which offerings the service catalog lists, and from whom.
 *
 * A mistake in app-config stops the platform. A module's contribution that
 * breaks a rule (an id already taken, a default outside its bounds, a
 * dependency or a provisioner naming no offering) is refused whole, which
 * fails that module's start-up. A module may take over a built-in offering's
 * id, which keeps its place in the list.
 */
export function settleOfferings(options: {
  builtIn: Offering[];
  fromConfig: Offering[];
  fromModules: ModuleOfferings[];
}): SettledOffering[] {
  const builtInIds = new Set(options.builtIn.map(o => o.id));
  // Who defines each id besides the built-in set: app-config or a contribution.
  const owners = new Map<string, ModuleOfferings | typeof APP_CONFIG>();
  const sourceOf = (id: string) => {
    const owner = owners.get(id);
    return typeof owner === 'object' ? owner.source : owner;
  };
  for (const offering of options.fromConfig) {
    const previous = builtInIds.has(offering.id)
      ? BUILT_IN
      : sourceOf(offering.id);
    if (previous) {
      throw definedTwice(offering.id, previous, APP_CONFIG);
    }
    const error = invalidDefaults(offering, APP_CONFIG);
    if (error) {
      throw error;
    }
    owners.set(offering.id, APP_CONFIG);
  }

  const accepted: ModuleOfferings[] = [];
  const refuse = (contribution: ModuleOfferings, error: Error) => {
    if (!contribution.refuse) {
      throw error;
    }
    contribution.refuse(error);
    accepted.splice(accepted.indexOf(contribution), 1);
    for (const [id, owner] of owners) {
      if (owner === contribution) {
        owners.delete(id);
      }
    }
  };
  for (const contribution of options.fromModules) {
    accepted.push(contribution);
    for (const offering of contribution.offerings) {
      const previous = sourceOf(offering.id);
      const error = previous
        ? definedTwice(offering.id, previous, contribution.source)
        : invalidDefaults(offering, contribution.source);
      if (error) {
        refuse(contribution, error);
        break;
      }
      owners.set(offering.id, contribution);
    }
  }

  const exists = (id: string) => owners.has(id) || builtInIds.has(id);
  // Refusing one contribution can leave another's dependency without its offering.
  for (let settled = false; !settled; ) {
    settled = true;
    for (const contribution of [...accepted]) {
      const broken = contribution.offerings.find(o =>
        o.dependencies.some(d => !exists(d)),
      );
      if (broken) {
        const missing = broken.dependencies.find(d => !exists(d))!;
        refuse(contribution, unknownDependency(broken, missing));
        settled = false;
      }
    }
  }
  for (const offering of options.fromConfig) {
    const missing = offering.dependencies.find(d => !exists(d));
    if (missing) {
      throw unknownDependency(offering, missing);
    }
  }
  for (const contribution of [...accepted]) {
    const stray = contribution.serves?.find(id => !exists(id));
    if (stray) {
      refuse(
        contribution,
        new InputError(
          `A provisioner is registered for '${stray}', which is not an offering`,
        ),
      );
    }
  }

  const provisionedBy = new Map<string, string>();
  for (const contribution of accepted) {
    for (const id of contribution.serves ?? []) {
      provisionedBy.set(id, contribution.source);
    }
  }
  const settle = (offering: Offering, source: string): SettledOffering => ({
    offering,
    source,
    provisionedBy: provisionedBy.get(offering.id),
  });
  const fromModules = accepted.flatMap(c =>
    c.offerings.map(offering => settle(offering, c.source)),
  );
  // Built-in ids keep their place whoever defines them, so the catalog
  // reads the same with or without the modules that serve them.
  const inPlaceOf = (offering: Offering) =>
    fromModules.find(m => m.offering.id === offering.id) ??
    settle(offering, BUILT_IN);
  return [
    ...options.builtIn.map(inPlaceOf),
    ...options.fromConfig.map(offering => settle(offering, APP_CONFIG)),
    ...fromModules.filter(m => !builtInIds.has(m.offering.id)),
  ];
}
