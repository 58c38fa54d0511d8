import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import {
  ProvisionerContext,
  ProvisionResult,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';
import { unavailableCause } from '../availability/unavailableCause';
import { SecretBox } from '../secrets/SecretBox';
import { EngineOptions } from './EngineOptions';
import { OutcomeRecorder } from './OutcomeRecorder';
import { settlesWithin } from './settlesWithin';
import { Claim, LeaseLostError, WorkPhase, WorkQueue } from './WorkQueue';

class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`The attempt timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'AttemptTimeoutError';
  }
}

/** The provisioner's operation that does the work of `phase`. */
function operationFor(
  provisioner: ResourceProvisioner,
  phase: WorkPhase,
): (context: ProvisionerContext) => Promise<ProvisionResult> {
  if (phase === 'deleting') {
    return async context => {
      await provisioner.deprovision(context);
      return {};
    };
  }
  const update = provisioner.update;
  if (phase === 'updating' && update) {
    return context => update.call(provisioner, context);
  }
  return context => provisioner.provision(context);
}

/** What the runner needs from the engine whose slot an attempt takes. */
export interface AttemptSlots {
  /** Whether the engine is shutting down. */
  stopping(): boolean;
  /**
   * The attempt was aborted and has not stopped within the grace period: it
   * keeps its resource's lease, but its slot goes to other work.
   */
  release(resourceId: string): void;
}

/** One attempt at a claimed resource's work. */
export interface Attempt {
  claim: Claim;
  controller: AbortController;
  resource: PlatformResource;
  provisioner: ResourceProvisioner;
  phase: WorkPhase;
  attempt: number;
  /** The resource's secrets as stored, sealed. */
  sealedSecrets: string | undefined;
}

/**
 * Runs one attempt of a provisioner: the claim's lease is renewed while it
 * runs, it is aborted at the time limit, and its outcome is recorded only
 * once it has stopped, so that no retry ever runs beside it.
 */
export class AttemptRunner {
  readonly #queue: WorkQueue;
  readonly #secrets: SecretBox;
  readonly #logger: LoggerService;
  readonly #options: EngineOptions;
  readonly #outcomes: OutcomeRecorder;
  readonly #slots: AttemptSlots;

  constructor(options: {
    queue: WorkQueue;
    secrets: SecretBox;
    logger: LoggerService;
    options: EngineOptions;
    outcomes: OutcomeRecorder;
    slots: AttemptSlots;
  }) {
    this.#queue = options.queue;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#options = options.options;
    this.#outcomes = options.outcomes;
    this.#slots = options.slots;
  }

  async run(work: Attempt): Promise<void> {
    const { claim, controller, resource, phase, attempt, sealedSecrets } = work;
    const logger = this.#logger.child({
      resourceId: resource.id,
      offering: resource.offering,
    });
    // Whether the platform's own database failed during the attempt (a
    // lease renewal, a timeline entry), or after the provisioner finished:
    // an outage then is not the provisioner's failure.
    let databaseFailed = false;
    let provisionerDone = false;
    const renewal = setInterval(() => {
      this.#queue.renew(claim).catch(error => {
        databaseFailed = true;
        controller.abort(error);
      });
    }, Math.max(50, Math.floor(this.#options.leaseMs / 3)));
    const timeout = setTimeout(
      () =>
        controller.abort(
          new AttemptTimeoutError(this.#options.attemptTimeoutMs),
        ),
      this.#options.attemptTimeoutMs,
    );
    let run: Promise<ProvisionResult> | undefined;
    try {
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener(
          'abort',
          () => reject(controller.signal.reason),
          { once: true },
        );
      });
      run = operationFor(
        work.provisioner,
        phase,
      )({
        resource,
        secrets: sealedSecrets
          ? this.#secrets.open(resource.id, sealedSecrets)
          : {},
        signal: controller.signal,
        logger,
        appendEvent: message =>
          this.#queue
            .appendEvent(resource.id, phase, message, attempt)
            .catch(error => {
              databaseFailed = true;
              throw error;
            }),
      });
      run.catch(() => {}); // settled through the race below
      const result = await Promise.race([run, aborted]);
      provisionerDone = true;
      clearInterval(renewal);
      clearTimeout(timeout);
      await this.#outcomes.succeeded(claim, work, result);
    } catch (error) {
      clearTimeout(timeout);
      const stopped =
        !run ||
        !controller.signal.aborted ||
        (await this.#untilStopped(run, work, logger));
      clearInterval(renewal);
      if (!stopped) {
        // Shutting down: the attempt ends with the process, its lease lapses.
        return;
      }
      if (error instanceof LeaseLostError) {
        throw error;
      }
      if (this.#slots.stopping()) {
        // Shutting down is not the provisioner's fault: let the lease lapse.
        return;
      }
      if ((provisionerDone || databaseFailed) && unavailableCause(error)) {
        // Nor is an outage of the database: no attempt is counted, and the
        // work is resumed once the database answers.
        throw error;
      }
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(`Attempt ${attempt} of ${phase} failed: ${message}`);
      await this.#outcomes.attemptFailed(claim, phase, {
        message,
        reason: error instanceof AttemptTimeoutError ? 'timeout' : 'error',
        offering: resource.offering,
        attempt,
      });
    }
  }

  /**
   * Waits for an aborted attempt to settle before its failure is recorded,
   * so that its retry, here or on another replica, never runs beside it. The
   * caller keeps renewing the lease meanwhile: no replica can claim the
   * resource while the attempt may still be working, and should this
   * process die, the attempt dies with it and the lease lapses. An attempt
   * still running after the grace period is put on the timeline and waited
   * for without limit; only shutting down ends the wait.
   *
   * Resolves whether the attempt settled.
   */
  async #untilStopped(
    run: Promise<unknown>,
    work: Attempt,
    logger: LoggerService,
  ): Promise<boolean> {
    const graceMs = this.#options.abortGraceMs;
    if (await settlesWithin(run, graceMs)) {
      return true;
    }
    if (this.#slots.stopping()) {
      return false;
    }
    const { controller, resource, phase, attempt } = work;
    const reason = controller.signal.reason;
    const message = `Attempt ${attempt} was aborted (${
      reason instanceof Error ? reason.message : String(reason)
    }) and has not stopped after ${
      graceMs / 1000
    } s; the next attempt waits until it has`;
    logger.warn(message);
    await this.#queue
      .appendEvent(resource.id, phase, message, attempt)
      .catch(error =>
        logger.warn(`Could not record the wait on the timeline: ${error}`),
      );
    this.#slots.release(resource.id);
    while (!this.#slots.stopping()) {
      if (await settlesWithin(run, 100)) {
        return true;
      }
    }
    return false;
  }
}
