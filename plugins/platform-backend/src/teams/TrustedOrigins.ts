import { Config } from '@backstage/config';
import path from 'node:path';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `file:` targets are matched as the catalog records them: absolute paths. */
function normalise(origin: string): string {
  return origin.startsWith('file:')
    ? `file:${path.resolve(origin.slice('file:'.length))}`
    : origin;
}

/**
 * The catalog origins whose groups count as teams. Anyone may register a
 * catalog location, and a group from it could list its author as a member;
 * only the organisation's own locations and providers are believed.
 *
 * Configured as `platform.teams.trustedOrigins`: origin locations such as
 * `url:https://github.com/acme/org/blob/main/org.yaml` or
 * `file:../../examples/org.yaml`, where `*` matches anything. Without it, the
 * `catalog.locations` of the config are trusted, since only operators write
 * those.
 */
export class TrustedOrigins {
  readonly #patterns: string[];
  readonly #matchers: RegExp[];

  constructor(patterns: string[]) {
    this.#patterns = patterns.map(normalise);
    this.#matchers = this.#patterns.map(
      pattern =>
        new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`),
    );
  }

  static fromConfig(config: Config): TrustedOrigins {
    const configured = config.getOptionalStringArray(
      'platform.teams.trustedOrigins',
    );
    if (configured) {
      return new TrustedOrigins(configured);
    }
    const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
    return new TrustedOrigins(
      locations.map(
        location =>
          `${location.getString('type')}:${location.getString('target')}`,
      ),
    );
  }

  includes(origin: string | undefined): boolean {
    return (
      origin !== undefined &&
      this.#matchers.some(matcher => matcher.test(origin))
    );
  }

  get patterns(): string[] {
    return [...this.#patterns];
  }
}
