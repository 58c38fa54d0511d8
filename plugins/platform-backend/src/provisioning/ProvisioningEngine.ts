import { LoggerService } from '@backstage/backend-plugin-api';
import { OutageMonitor } from '../availability/OutageMonitor';
import { unavailableCause } from '../availability/unavailableCause';
import { PlatformMetrics } from '../metrics/PlatformMetrics';
import { SecretBox } from '../secrets/SecretBox';
import { ResourceStore } from '../store/ResourceStore';
import { AttemptRunner } from './AttemptRunner';
import { ClaimWorker } from './ClaimWorker';
import { EngineOptions } from './EngineOptions';
import { OutcomeRecorder } from './OutcomeRecorder';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { Claim, LeaseLostError, WorkQueue } from './WorkQueue';

/**
 * Runs provisioners for resources that need work, durably: work is claimed
 * with a renewed lease and every state write is fenced by it, attempts time
 * out and are retried with backoff, and a crashed replica's work is picked
 * up once its lease expires. Work that the database's outage interrupted is
 * taken up again, under the same claim, once the database answers.
 */
export class ProvisioningEngine {
  readonly #queue: WorkQueue;
  readonly #worker: ClaimWorker;
  readonly #logger: LoggerService;
  readonly #options: EngineOptions;
  readonly #onStateChange: (resourceId: string) => void;
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
    const { queue, store, secrets, logger, metrics } = options;
    this.#outages = options.outages;
    this.#onStateChange = options.onStateChange ?? (() => {});
    this.#queue = queue;
    this.#logger = logger;
    this.#options = options.options;
    const outcomes = new OutcomeRecorder({
      queue,
      secrets,
      options: options.options,
      metrics,
    });
    const attempts = new AttemptRunner({
      queue,
      secrets,
      logger,
      options: options.options,
      outcomes,
      slots: {
        stopping: () => this.#stopped,
        release: resourceId => {
          this.#lingering.add(resourceId);
          this.#running.delete(resourceId);
          this.wake();
        },
      },
    });
    this.#worker = new ClaimWorker({
      queue,
      store,
      provisioners: options.provisioners,
      outcomes,
      attempts,
    });
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
        // What the claim read may have changed before the outage: the
        // worker reads the resource again.
        resumed.push({ ...claim, claimed: undefined });
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
    this.#worker
      .work(claim, controller)
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
}
