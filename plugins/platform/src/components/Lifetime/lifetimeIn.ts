import { Lifetime, OfferingWithSchema } from '@idp-kit/plugin-platform-common';

const NEVER: Lifetime = { default: null, max: null };

/**
 * The lifetime of an offering's resources in an environment; undefined when
 * the API does not describe lifetimes (servers from before them).
 */
export function lifetimeIn(
  offering: OfferingWithSchema,
  environment: string | undefined,
): Lifetime | undefined {
  if (!offering.lifetimes || !environment) {
    return undefined;
  }
  // An environment the API does not list has no lifetime.
  return offering.lifetimes[environment] ?? NEVER;
}
