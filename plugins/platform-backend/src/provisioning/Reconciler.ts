import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { HealthCheck } from '../store/recordHealth';
import { ResourceStore } from '../store/ResourceStore';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { SecretBox } from '../secrets/SecretBox';

/** Fields whose actual value differs from the desired one. */
export function findDrift(
  desired: Record<string, unknown>,
  actual: Record<string, unknown> | undefined,
): NonNullable<PlatformResource['drift']> {
  if (!actual) {
    return [];
  }
  return Object.entries(desired)
    .filter(
      ([field, value]) =>
        field in actual &&
        JSON.stringify(actual[field]) !== JSON.stringify(value),
    )
    .map(([field, value]) => ({
      field,
      desired: value,
      actual: actual[field],
    }));
}

/** How many ready resources a reconcile reads, checks and records at a time. */
const PAGE_SIZE = 100;

/**
 * Asks each ready resource's provisioner how the real thing is, and records
 * its health and any drift from the desired configuration, a page of
 * resources at a time: their secrets in one read, their health in one write.
 */
export class Reconciler {
  readonly #store: ResourceStore;
  readonly #provisioners: ProvisionerRegistry;
  readonly #secrets: SecretBox;
  readonly #logger: LoggerService;

  constructor(options: {
    store: ResourceStore;
    provisioners: ProvisionerRegistry;
    secrets: SecretBox;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#provisioners = options.provisioners;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
  }

  /** Checks every ready resource; resolves how many were checked. */
  async reconcileAll(signal?: AbortSignal): Promise<number> {
    const runSignal = signal ?? new AbortController().signal;
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await this.#store.list({
        state: 'ready',
        limit: PAGE_SIZE,
        cursor,
      });
      // Read before any check: when the platform's own database fails, the
      // run stops, and no resource's health is blamed for it.
      const sealed = await this.#store.secrets.findAll(
        page.items.map(resource => resource.id),
      );
      const checks: HealthCheck[] = [];
      for (const resource of page.items) {
        if (runSignal.aborted) {
          break;
        }
        const check = await this.#check(
          resource,
          sealed.get(resource.id),
          runSignal,
        );
        if (check) {
          checks.push(check);
        }
      }
      await this.#store.recordHealth(checks);
      count += checks.length;
      cursor = runSignal.aborted ? undefined : page.nextCursor;
    } while (cursor);
    return count;
  }

  /** What the resource's provisioner says of it; none without a provisioner. */
  async #check(
    resource: PlatformResource,
    sealed: string | undefined,
    signal: AbortSignal,
  ): Promise<HealthCheck | undefined> {
    const provisioner = this.#provisioners.find(resource.offering);
    if (!provisioner) {
      return undefined;
    }
    const checkedAt = new Date().toISOString();
    try {
      const status = await provisioner.getStatus({
        resource,
        secrets: sealed ? this.#secrets.open(resource.id, sealed) : {},
        signal,
        logger: this.#logger.child({ resourceId: resource.id }),
        appendEvent: async () => {},
      });
      return {
        id: resource.id,
        health: { healthy: status.healthy, message: status.message, checkedAt },
        drift: findDrift(resource.config, status.actualConfig),
      };
    } catch (error) {
      return {
        id: resource.id,
        health: {
          healthy: false,
          message: `Status check failed: ${error}`,
          checkedAt,
        },
        drift: [],
      };
    }
  }
}
