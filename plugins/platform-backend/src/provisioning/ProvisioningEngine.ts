import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import {
  ProvisionResult,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';
import { ResourceState } from '@idp-kit/plugin-platform-common';
import { OutageMonitor } from '../availability/OutageMonitor';
import { unavailableCause } from '../availability/unavailableCause';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { ResourceStore } from '../resources/ResourceStore';
import { EngineOptions, backoffDelay } from './EngineOptions';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { Claim, LeaseLostError, WorkQueue } from './WorkQueue';

/** How long to wait before looking again at a resource whose dependency is not ready. */
const DEPENDENCY_RECHECK_MS = 2_000;

/** Settles true once `work` settles, or false after `ms`, whichever is first. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`The attempt timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'AttemptTimeoutError';
  }
}

/** Outcome of checking a resource's dependencies before provisioning it. */
type DependencyCheck =
  | { ready: true }
  | { ready: false; failed?: string; waitingFor?: string };

/**
 * Runs provisioners for resources that need work, durably: work is claimed
 * with a renewed lease and every state write is fenced by it, attempts time
 * out and are retried with backoff, and a crashed replica's work is picked
 * up once its lease expires. Work that the database's outage interrupted is
 * taken up again, under the same claim, once the database answers.
 */
export class ProvisioningEngine {
  readonly #queue: WorkQueue;
  readonly #store: ResourceStore;
  readonly #provisioners: ProvisionerRegistry;
  readonly #secrets: SecretBox;
  readonly #logger: LoggerService;
  readonly #options: EngineOptions;
  readonly #onStateChange: (resourceId: string) => void;
  readonly #metrics?: PlatformMetrics;
  readonly #outages?: OutageMonitor;
  readonly #running = new Map<string, AbortController>();
  /**
   * Aborted attempts that have not stopped after the grace period. They keep
   * their resource's lease, but not one of the replica's slots: a
   * provisioner that ignores its signal holds only its own resource.
   */
  readonly #lingering = new Set<string>();
  /** Claims whose work stopped because the database was out of reach. */
  readonly #interrupted = new Map<string, Claim>();
  #sweepTimer?: NodeJS.Timeout;
  #ticking = false;
  #tickAgain = false;
  #stopped = true;

  constructor(options: {
    queue: WorkQueue;
    store: ResourceStore;
    provisioners: ProvisionerRegistry;
    secrets: SecretBox;
    logger: LoggerService;
    options: EngineOptions;
    /** Told after every state change the engine writes. */
    onStateChange?: (resourceId: string) => void;
    metrics?: PlatformMetrics;
    /** Told about failures for lack of the database, instead of the log. */
    outages?: OutageMonitor;
  }) {
    this.#metrics = options.metrics;
    this.#outages = options.outages;
    this.#onStateChange = options.onStateChange ?? (() => {});
    this.#queue = options.queue;
    this.#store = options.store;
    this.#provisioners = options.provisioners;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#options = options.options;
  }

  start() {
    this.#stopped = false;
    this.#sweepTimer = setInterval(
      () => this.wake(),
      this.#options.sweepIntervalMs,
    );
    this.#sweepTimer.unref?.();
    this.wake();
  }

  /**
   * Stops claiming work and aborts attempts in flight, waiting up to the
   * abort grace period for each to stop; their leases lapse for another
   * replica.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#sweepTimer);
    // Their leases lapse, as after a crash.
    this.#interrupted.clear();
    for (const controller of this.#running.values()) {
      controller.abort(new Error('The engine is shutting down'));
    }
    while (
      this.#running.size > 0 ||
      this.#lingering.size > 0 ||
      this.#ticking
    ) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  /** Looks for work now: called when a request changes a resource. */
  wake() {
    if (this.#stopped) {
      return;
    }
    if (this.#ticking) {
      this.#tickAgain = true;
      return;
    }
    this.#ticking = true;
    this.#tick()
      .catch(error => this.#reportFailure(error, 'Provisioning sweep failed'))
      .finally(() => {
        this.#ticking = false;
        if (this.#tickAgain) {
          this.#tickAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once no resource is being worked on by this replica. */
  async idle(): Promise<void> {
    while (this.#running.size > 0 || this.#ticking) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  async #tick() {
    for (const claim of await this.#resume()) {
      this.#run(claim);
    }
    const free = this.#options.concurrency - this.#running.size;
    const claims = await this.#queue.claim(free);
    for (const claim of claims) {
      this.#run(claim);
    }
  }

  /**
   * Takes back the claims an outage interrupted that are still this
   * replica's; those another replica took over meanwhile are dropped.
   */
  async #resume(): Promise<Claim[]> {
    const resumed: Claim[] = [];
    for (const claim of this.#interrupted.values()) {
      if (this.#running.size + resumed.length >= this.#options.concurrency) {
        break;
      }
      try {
        await this.#queue.renew(claim);
        resumed.push(claim);
      } catch (error) {
        if (!(error instanceof LeaseLostError)) {
          // Still out of reach: the next sweep tries again.
          break;
        }
      }
      this.#interrupted.delete(claim.id);
    }
    return resumed;
  }

  #run(claim: Claim) {
    const controller = new AbortController();
    this.#running.set(claim.id, controller);
    this.#work(claim, controller)
      .catch(error => {
        if (error instanceof LeaseLostError) {
          return;
        }
        if (unavailableCause(error) && !this.#stopped) {
          this.#interrupted.set(claim.id, claim);
        }
        this.#reportFailure(
          error,
          `Provisioning ${claim.id} failed unexpectedly`,
        );
      })
      .finally(() => {
        this.#running.delete(claim.id);
        this.#lingering.delete(claim.id);
        this.#onStateChange(claim.id);
        this.wake();
      });
  }

  /** An outage goes to the outage monitor; anything else is logged. */
  #reportFailure(error: unknown, message: string) {
    const cause = unavailableCause(error);
    if (cause && this.#outages) {
      this.#outages.failed(cause);
    } else {
      this.#logger.error(`${message}: ${error}`);
    }
  }

  async #checkDependencies(
    resource: PlatformResource,
  ): Promise<DependencyCheck> {
    for (const id of resource.dependsOn) {
      const dependency = await this.#store.find(id);
      if (
        !dependency ||
        ['deleting', 'deleted', 'failed'].includes(dependency.state)
      ) {
        return {
          ready: false,
          failed: `${dependency?.offering ?? 'dependency'} '${
            dependency?.name ?? id
          }' is ${dependency?.state ?? 'missing'}`,
        };
      }
      if (dependency.state !== 'ready' && dependency.state !== 'updating') {
        return {
          ready: false,
          waitingFor: `${dependency.offering} '${dependency.name}'`,
        };
      }
    }
    return { ready: true };
  }

  async #work(claim: Claim, controller: AbortController) {
    let resource = await this.#store.get(claim.id);
    const provisioner = this.#provisioners.find(resource.offering);
    const attempt = claim.attempts + 1;

    if (resource.state === 'pending' || resource.state === 'provisioning') {
      if (!provisioner) {
        await this.#fail(claim, 'provisioning', attempt, {
          message: `No provisioner is registered for offering '${resource.offering}'`,
          final: true,
          reason: 'no-provisioner',
          expected: resource.state,
          offering: resource.offering,
        });
        return;
      }
      const dependencies = await this.#checkDependencies(resource);
      if (!dependencies.ready) {
        if (dependencies.failed) {
          await this.#fail(claim, 'provisioning', attempt, {
            message: `Cannot provision: ${dependencies.failed}`,
            final: true,
            reason: 'dependency',
            expected: resource.state,
            offering: resource.offering,
          });
        } else {
          await this.#queue.release(
            claim,
            new Date(Date.now() + DEPENDENCY_RECHECK_MS),
          );
        }
        return;
      }
      if (resource.state === 'pending') {
        await this.#queue.write(
          claim,
          'pending',
          { state: 'provisioning' },
          {
            type: 'provisioning',
            state: 'provisioning',
            message: `Provisioning started (attempt ${attempt})`,
            attempt,
          },
        );
        resource = { ...resource, state: 'provisioning' };
      }
      await this.#attempt(
        claim,
        controller,
        resource,
        attempt,
        'provisioning',
        p => p.provision.bind(p),
      );
      return;
    }

    if (resource.state === 'updating') {
      if (!provisioner) {
        await this.#fail(claim, 'updating', attempt, {
          message: `No provisioner is registered for offering '${resource.offering}'`,
          final: true,
          reason: 'no-provisioner',
          expected: 'updating',
          offering: resource.offering,
        });
        return;
      }
      await this.#attempt(claim, controller, resource, attempt, 'updating', p =>
        (p.update ?? p.provision).bind(p),
      );
      return;
    }

    if (resource.state === 'deleting') {
      if (!provisioner) {
        await this.#queue.finishDeletion(
          claim,
          'Deleted (no provisioner manages this offering)',
        );
        return;
      }
      await this.#attempt(
        claim,
        controller,
        resource,
        attempt,
        'deleting',
        p => async context => {
          await p.deprovision(context);
          return {};
        },
      );
    }
  }

  async #attempt(
    claim: Claim,
    controller: AbortController,
    resource: PlatformResource,
    attempt: number,
    phase: 'provisioning' | 'updating' | 'deleting',
    pick: (
      p: ResourceProvisioner,
    ) => (
      context: Parameters<ResourceProvisioner['provision']>[0],
    ) => Promise<ProvisionResult>,
  ) {
    const provisioner = this.#provisioners.find(resource.offering)!;
    const logger = this.#logger.child({
      resourceId: resource.id,
      offering: resource.offering,
    });
    const stored = await this.#store.findSecrets(resource.id);
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
      run = pick(provisioner)({
        resource,
        secrets: stored ? this.#secrets.open(resource.id, stored) : {},
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

      if (phase === 'deleting') {
        await this.#queue.finishDeletion(claim, `Deleted (attempt ${attempt})`);
        return;
      }
      const changes: Record<string, unknown> = {
        state: 'ready',
        error: null,
        attempts: 0,
        outputs: JSON.stringify(result.outputs ?? {}),
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: null,
      };
      let provisionSeconds: number | undefined;
      if (phase === 'provisioning') {
        const readyAt = new Date();
        provisionSeconds =
          (readyAt.getTime() - new Date(resource.createdAt).getTime()) / 1000;
        changes.ready_at = readyAt.toISOString();
        changes.provision_seconds = provisionSeconds;
      }
      if (result.secrets && Object.keys(result.secrets).length > 0) {
        changes.secrets = this.#secrets.seal(resource.id, result.secrets);
      }
      await this.#queue.write(claim, phase, changes, {
        type: phase === 'updating' ? 'updated' : 'provisioned',
        state: 'ready',
        message:
          phase === 'updating'
            ? `Updated (attempt ${attempt})`
            : `Ready (attempt ${attempt})`,
        attempt,
      });
      if (provisionSeconds !== undefined) {
        this.#metrics?.provisioned(resource.offering, provisionSeconds);
      }
      await this.#queue.wakeDependents(resource.id);
    } catch (error) {
      clearTimeout(timeout);
      const stopped =
        !run ||
        !controller.signal.aborted ||
        (await this.#untilStopped(run, controller.signal, resource, phase, {
          attempt,
          logger,
        }));
      clearInterval(renewal);
      if (!stopped) {
        // Shutting down: the attempt ends with the process, its lease lapses.
        return;
      }
      if (error instanceof LeaseLostError) {
        throw error;
      }
      if (this.#stopped) {
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
      await this.#fail(claim, phase, attempt, {
        message,
        final: false,
        reason: error instanceof AttemptTimeoutError ? 'timeout' : 'error',
        expected: phase,
        offering: resource.offering,
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
    signal: AbortSignal,
    resource: PlatformResource,
    phase: 'provisioning' | 'updating' | 'deleting',
    context: { attempt: number; logger: LoggerService },
  ): Promise<boolean> {
    const graceMs = this.#options.abortGraceMs;
    if (await settlesWithin(run, graceMs)) {
      return true;
    }
    if (this.#stopped) {
      return false;
    }
    const { attempt, logger } = context;
    const reason =
      signal.reason instanceof Error
        ? signal.reason.message
        : String(signal.reason);
    const message = `Attempt ${attempt} was aborted (${reason}) and has not stopped after ${
      graceMs / 1000
    } s; the next attempt waits until it has`;
    logger.warn(message);
    await this.#queue
      .appendEvent(resource.id, phase, message, attempt)
      .catch(error =>
        logger.warn(`Could not record the wait on the timeline: ${error}`),
      );
    // Its slot goes to other work; the lease stays until it has stopped.
    this.#lingering.add(resource.id);
    this.#running.delete(resource.id);
    this.wake();
    while (!this.#stopped) {
      if (await settlesWithin(run, 100)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records a failed attempt: retried with backoff while attempts remain, then
   * failed. Deletion is never given up: it stays `deleting` with the error.
   */
  async #fail(
    claim: Claim,
    phase: 'provisioning' | 'updating' | 'deleting',
    attempt: number,
    failure: {
      message: string;
      final: boolean;
      reason: 'error' | 'timeout' | 'no-provisioner' | 'dependency';
      /** The state the resource is in now, which the write is fenced on. */
      expected: ResourceState;
      offering: string;
    },
  ) {
    const { message, final, expected } = failure;
    const retry =
      phase === 'deleting' || (!final && attempt < this.#options.maxAttempts);
    if (!retry) {
      this.#metrics?.provisioningFailed(failure.offering, failure.reason);
      await this.#queue.write(
        claim,
        expected,
        {
          state: 'failed',
          error: message,
          attempts: attempt,
          lease_ticket: null,
          lease_expires_at: null,
          next_attempt_at: null,
        },
        {
          type: 'failed',
          state: 'failed',
          message: `Failed: ${message}`,
          attempt,
        },
      );
      await this.#queue.wakeDependents(claim.id);
      return;
    }
    const delay = backoffDelay(this.#options, attempt);
    await this.#queue.write(
      claim,
      expected,
      {
        error: message,
        attempts: attempt,
        lease_ticket: null,
        lease_expires_at: null,
        next_attempt_at: new Date(Date.now() + delay).toISOString(),
      },
      {
        type: 'attempt-failed',
        state: phase,
        message: `Attempt ${attempt} failed: ${message}; retrying in ${Math.ceil(
          delay / 1000,
        )} s`,
        attempt,
      },
    );
  }
}
