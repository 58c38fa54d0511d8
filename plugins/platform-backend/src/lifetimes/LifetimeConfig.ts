import { Config } from '@backstage/config';
import { Lifetime, LifetimeVerdict } from '@idp-kit/plugin-platform-common';
import { Duration } from 'luxon';

/** The notices before expiry when none are configured: 2 days and 2 hours ahead. */
const DEFAULT_NOTICES = ['P2D', 'PT2H'];

const parsedMillis = new Map<string, number>();

/** A configured duration in milliseconds: they are few, and every request asks, so each is parsed once. */
function millis(iso: string): number {
  let ms = parsedMillis.get(iso);
  if (ms === undefined) {
    ms = Duration.fromISO(iso).toMillis();
    parsedMillis.set(iso, ms);
  }
  return ms;
}

/** A date and time with its offset, and nothing after it: Date.parse alone forgives trailing junk. */
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function readDuration(
  config: Config,
  key: string,
  path: string,
): string | null {
  const text = config.getOptionalString(key);
  if (text === undefined) {
    return null;
  }
  const duration = Duration.fromISO(text);
  if (!duration.isValid || duration.toMillis() <= 0) {
    throw new Error(
      `${path}.${key} must be a positive ISO 8601 duration such as P7D, not '${text}'`,
    );
  }
  return text;
}

function readLifetime(config: Config, path: string): Lifetime {
  const lifetime = {
    default: readDuration(config, 'default', path),
    max: readDuration(config, 'max', path),
  };
  if (
    lifetime.default &&
    lifetime.max &&
    millis(lifetime.default) > millis(lifetime.max)
  ) {
    throw new Error(`${path}.default must not be longer than ${path}.max`);
  }
  return lifetime;
}

const NONE: Lifetime = { default: null, max: null };

/**
 * `platform.lifetimes`: per environment, and optionally per offering and
 * environment, how long resources live by default and at most.
 */
export class LifetimeConfig {
  readonly #environments: Map<string, Lifetime>;
  readonly #offerings: Map<string, Map<string, Lifetime>>;
  /** How long before expiry owners are told, longest first. */
  readonly noticesMs: number[];

  constructor(options: {
    environments?: Record<string, Lifetime>;
    offerings?: Record<string, Record<string, Lifetime>>;
    notices?: string[];
  }) {
    this.#environments = new Map(Object.entries(options.environments ?? {}));
    this.#offerings = new Map(
      Object.entries(options.offerings ?? {}).map(([id, byEnvironment]) => [
        id,
        new Map(Object.entries(byEnvironment)),
      ]),
    );
    this.noticesMs = (options.notices ?? DEFAULT_NOTICES)
      .map(millis)
      .sort((a, b) => b - a);
  }

  static fromConfig(config: Config): LifetimeConfig {
    const root = config.getOptionalConfig('platform.lifetimes');
    if (!root) {
      return new LifetimeConfig({});
    }
    const path = 'platform.lifetimes';
    const environments = root.getOptionalConfig('environments');
    const offerings = root.getOptionalConfig('offerings');
    const notices = root.getOptionalStringArray('notifyBefore');
    for (const [index, notice] of (notices ?? []).entries()) {
      if (!Duration.fromISO(notice).isValid) {
        throw new Error(
          `${path}.notifyBefore[${index}] must be an ISO 8601 duration such as PT2H, not '${notice}'`,
        );
      }
    }
    return new LifetimeConfig({
      environments: Object.fromEntries(
        (environments?.keys() ?? []).map(env => [
          env,
          readLifetime(
            environments!.getConfig(env),
            `${path}.environments.${env}`,
          ),
        ]),
      ),
      offerings: Object.fromEntries(
        (offerings?.keys() ?? []).map(id => {
          const byEnvironment = offerings!.getConfig(id);
          return [
            id,
            Object.fromEntries(
              byEnvironment
                .keys()
                .map(env => [
                  env,
                  readLifetime(
                    byEnvironment.getConfig(env),
                    `${path}.offerings.${id}.${env}`,
                  ),
                ]),
            ),
          ];
        }),
      ),
      notices,
    });
  }

  /** The lifetime of an offering's resources in an environment. */
  lifetimeOf(offering: string, environment: string): Lifetime {
    return (
      this.#offerings.get(offering)?.get(environment) ??
      this.#environments.get(environment) ??
      NONE
    );
  }

  /** Lifetimes per environment, for the service catalog. */
  lifetimesOf(
    offering: string,
    environments: string[],
  ): Record<string, Lifetime> {
    return Object.fromEntries(
      environments.map(env => [env, this.lifetimeOf(offering, env)]),
    );
  }

  /**
   * The lifetime a request gets: the asked `expiresAt` when it lies between
   * now and the maximum, else the default; or the problem with what was asked.
   */
  decide(
    offering: string,
    environment: string,
    asked: string | undefined,
    now = new Date(),
  ): { verdict: LifetimeVerdict; problem?: string } {
    const lifetime = this.lifetimeOf(offering, environment);
    const maxExpiresAt = lifetime.max
      ? new Date(now.getTime() + millis(lifetime.max)).toISOString()
      : null;
    const verdict = (expiresAt: string | null): LifetimeVerdict => ({
      ...lifetime,
      expiresAt,
      maxExpiresAt,
    });
    if (asked === undefined) {
      return {
        verdict: verdict(
          lifetime.default
            ? new Date(now.getTime() + millis(lifetime.default)).toISOString()
            : null,
        ),
      };
    }
    const time = Date.parse(asked);
    if (!ISO_DATE_TIME.test(asked) || Number.isNaN(time)) {
      return {
        verdict: verdict(null),
        problem:
          'must be a date and time in ISO 8601, such as 2027-01-31T18:00:00Z',
      };
    }
    if (time <= now.getTime()) {
      return { verdict: verdict(null), problem: 'must be in the future' };
    }
    if (maxExpiresAt && time > Date.parse(maxExpiresAt)) {
      return {
        verdict: verdict(null),
        problem: `must be at most ${lifetime.max} from now (${maxExpiresAt}) in ${environment}`,
      };
    }
    return { verdict: verdict(new Date(time).toISOString()) };
  }
}
