import {
  PlatformResource,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { ProvisionResult } from '@idp-kit/plugin-platform-node';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { SecretBox } from '../secrets/SecretBox';
import { EngineOptions, backoffDelay } from './EngineOptions';
import { Claim, WorkPhase, WorkQueue } from './WorkQueue';

/** Why a resource's work failed, as the failure metric counts it. */
export type FailureReason =
  | 'error'
  | 'timeout'
  | 'no-provisioner'
  | 'dependency';

/** A failure of a resource's work. */
export interface WorkFailure {
  message: string;
  reason: FailureReason;
  offering: string;
  attempt: number;
}

/**
 * Records what came of a resource's work: ready or deleted when the
 * provisioner succeeded; a failed attempt is retried with backoff while
 * attempts remain, then the resource is failed. Deletion is never given up:
 * it stays `deleting` with the error.
 */
export class OutcomeRecorder {
  readonly #queue: WorkQueue;
  readonly #secrets: SecretBox;
  readonly #options: EngineOptions;
  readonly #metrics?: PlatformMetrics;

  constructor(options: {
    queue: WorkQueue;
    secrets: SecretBox;
    options: EngineOptions;
    metrics?: PlatformMetrics;
  }) {
    this.#queue = options.queue;
    this.#secrets = options.secrets;
    this.#options = options.options;
    this.#metrics = options.metrics;
  }

  /** The provisioner did the work of `phase`: the resource is ready, or deleted. */
  async succeeded(
    claim: Claim,
    work: { resource: PlatformResource; phase: WorkPhase; attempt: number },
    result: ProvisionResult,
  ): Promise<void> {
    const { resource, phase, attempt } = work;
    if (phase === 'deleting') {
      await this.#queue.finishDeletion(claim, `Deleted (attempt ${attempt})`);
      return;
    }
    const ready = {
      attempt,
      outputs: result.outputs ?? {},
      sealedSecrets:
        result.secrets && Object.keys(result.secrets).length > 0
          ? this.#secrets.seal(resource.id, result.secrets)
          : undefined,
    };
    if (phase === 'provisioning') {
      const readyAt = new Date();
      const provisionSeconds =
        (readyAt.getTime() - new Date(resource.createdAt).getTime()) / 1000;
      await this.#queue.markProvisioned(claim, {
        ...ready,
        readyAt,
        provisionSeconds,
      });
      this.#metrics?.provisioned(resource.offering, provisionSeconds);
    } else {
      await this.#queue.markUpdated(claim, ready);
    }
  }

  /** An attempt of the provisioner failed; the resource is still in `phase`. */
  async attemptFailed(
    claim: Claim,
    phase: WorkPhase,
    failure: WorkFailure,
  ): Promise<void> {
    const retry =
      phase === 'deleting' || failure.attempt < this.#options.maxAttempts;
    if (!retry) {
      await this.giveUp(claim, phase, failure);
      return;
    }
    await this.#queue.scheduleRetry(claim, phase, {
      error: failure.message,
      attempt: failure.attempt,
      delayMs: backoffDelay(this.#options, failure.attempt),
    });
  }

  /**
   * Fails the resource, which is in the `expected` state now, for a reason
   * no retry would mend, or after its last attempt.
   */
  async giveUp(
    claim: Claim,
    expected: ResourceState,
    failure: WorkFailure,
  ): Promise<void> {
    this.#metrics?.provisioningFailed(failure.offering, failure.reason);
    await this.#queue.markFailed(claim, expected, {
      error: failure.message,
      attempt: failure.attempt,
    });
  }
}
