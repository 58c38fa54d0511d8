import { ResourceState } from '@idp-kit/plugin-platform-common';
import { ResourceStore } from '../store/ResourceStore';
import { AttemptRunner } from './AttemptRunner';
import { checkDependencies } from './checkDependencies';
import { OutcomeRecorder } from './OutcomeRecorder';
import { ProvisionerRegistry } from './ProvisionerRegistry';
import { Claim, ClaimedResource, WorkPhase, WorkQueue } from './WorkQueue';

/** How long to wait before looking again at a resource whose dependency is not ready. */
const DEPENDENCY_RECHECK_MS = 2_000;

/** The work a resource in `state` waits for, if any. */
function phaseOf(state: ResourceState): WorkPhase | undefined {
  switch (state) {
    case 'pending':
    case 'provisioning':
      return 'provisioning';
    case 'updating':
    case 'deleting':
      return state;
    default:
      return undefined;
  }
}

/**
 * Works on one claimed resource: finds the work its state asks for and the
 * provisioner to do it, holds a provisioning back until its dependencies are
 * ready, and runs one attempt.
 */
export class ClaimWorker {
  readonly #queue: WorkQueue;
  readonly #store: ResourceStore;
  readonly #provisioners: ProvisionerRegistry;
  readonly #outcomes: OutcomeRecorder;
  readonly #attempts: AttemptRunner;

  constructor(options: {
    queue: WorkQueue;
    store: ResourceStore;
    provisioners: ProvisionerRegistry;
    outcomes: OutcomeRecorder;
    attempts: AttemptRunner;
  }) {
    this.#queue = options.queue;
    this.#store = options.store;
    this.#provisioners = options.provisioners;
    this.#outcomes = options.outcomes;
    this.#attempts = options.attempts;
  }

  async work(claim: Claim, controller: AbortController): Promise<void> {
    const claimed = claim.claimed ?? (await this.#read(claim.id));
    let resource = claimed.resource;
    const { sealedSecrets } = claimed;
    const phase = phaseOf(resource.state);
    if (!phase) {
      return;
    }
    const provisioner = this.#provisioners.find(resource.offering);
    const attempt = claim.attempts + 1;

    if (!provisioner) {
      if (phase === 'deleting') {
        await this.#queue.finishDeletion(
          claim,
          'Deleted (no provisioner manages this offering)',
        );
        return;
      }
      await this.#outcomes.giveUp(claim, resource.state, {
        message: `No provisioner is registered for offering '${resource.offering}'`,
        reason: 'no-provisioner',
        offering: resource.offering,
        attempt,
      });
      return;
    }

    if (phase === 'provisioning') {
      const dependencies = await checkDependencies(this.#store, resource);
      if (!dependencies.ready) {
        if (dependencies.failed) {
          await this.#outcomes.giveUp(claim, resource.state, {
            message: `Cannot provision: ${dependencies.failed}`,
            reason: 'dependency',
            offering: resource.offering,
            attempt,
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
        await this.#queue.markProvisioning(claim, attempt);
        resource = { ...resource, state: 'provisioning' };
      }
    }

    await this.#attempts.run({
      claim,
      controller,
      resource,
      provisioner,
      phase,
      attempt,
      sealedSecrets,
    });
  }

  /** A claimed resource as it is now, for a claim that did not read it. */
  async #read(id: string): Promise<ClaimedResource> {
    return {
      resource: await this.#store.get(id),
      sealedSecrets: await this.#store.secrets.find(id),
    };
  }
}
