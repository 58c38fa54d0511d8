import { LoggerService } from '@backstage/backend-plugin-api';
import { SecretBox } from './SecretBox';

/** Where sealed secrets are kept: read in id order, replaced only if unchanged. */
export interface SealedSecretsStore {
  list(options: {
    afterId?: string;
    limit: number;
  }): Promise<Array<{ id: string; secrets: string }>>;
  replace(id: string, expected: string, replacement: string): Promise<boolean>;
}

const BATCH = 200;

/**
 * Seals every stored secret again with the current key, so that a rotated key
 * can leave `platform.secrets.previousKeys`. Each value is replaced only if it
 * is still what was read, so a provisioner writing new secrets meanwhile wins.
 */
export class SecretResealer {
  readonly #store: SealedSecretsStore;
  readonly #secrets: SecretBox;
  readonly #logger: LoggerService;

  constructor(options: {
    store: SealedSecretsStore;
    secrets: SecretBox;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
  }

  async resealAll(
    signal?: AbortSignal,
  ): Promise<{ resealed: number; unreadable: number }> {
    let resealed = 0;
    let unreadable = 0;
    let afterId: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const rows = await this.#store.list({
        afterId,
        limit: BATCH,
      });
      for (const { id, secrets } of rows) {
        if (!this.#secrets.isStale(secrets)) continue;
        let opened;
        try {
          opened = this.#secrets.open(id, secrets);
        } catch (error) {
          unreadable++;
          this.#logger.warn(
            `Cannot re-seal the secrets of resource ${id}: ${error}`,
          );
          continue;
        }
        const replacement = this.#secrets.seal(id, opened);
        if (await this.#store.replace(id, secrets, replacement)) {
          resealed++;
        }
      }
      if (rows.length < BATCH) break;
      afterId = rows[rows.length - 1].id;
    }
    if (resealed > 0 || unreadable > 0) {
      this.#logger.info(
        `Re-sealed the secrets of ${resealed} resources with key ${
          this.#secrets.currentKeyId
        }; ${unreadable} could not be opened`,
      );
    }
    return { resealed, unreadable };
  }
}
