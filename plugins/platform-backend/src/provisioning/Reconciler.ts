import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
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

/**
 * Asks each ready resource's provisioner how the real thing is, and records
 * its health and any drift from the desired configuration.
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

  async reconcileAll(signal?: AbortSignal): Promise<number> {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await this.#store.list({
        state: 'ready',
        limit: 100,
        cursor,
      });
      for (const resource of page.items) {
        if (signal?.aborted) {
          return count;
        }
        await this.reconcile(resource, signal ?? new AbortController().signal);
        count++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  }

  async reconcile(resource: PlatformResource, signal: AbortSignal) {
    const provisioner = this.#provisioners.find(resource.offering);
    if (!provisioner) {
      return;
    }
    const checkedAt = new Date().toISOString();
    const logger = this.#logger.child({ resourceId: resource.id });
    // Outside the try: when the platform's own database fails, the run
    // stops, and the resource's health is not blamed for it.
    const sealed = await this.#store.secrets.find(resource.id);
    try {
      const status = await provisioner.getStatus({
        resource,
        secrets: sealed ? this.#secrets.open(resource.id, sealed) : {},
        signal,
        logger,
        appendEvent: async () => {},
      });
      await this.#store.recordHealth(
        resource.id,
        { healthy: status.healthy, message: status.message, checkedAt },
        findDrift(resource.config, status.actualConfig),
      );
    } catch (error) {
      await this.#store.recordHealth(
        resource.id,
        { healthy: false, message: `Status check failed: ${error}`, checkedAt },
        [],
      );
    }
  }
}
