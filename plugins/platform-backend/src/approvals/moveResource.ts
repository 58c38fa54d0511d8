import { ApprovalState, ResourceState } from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';
import { ResourceStore } from '../store/ResourceStore';

/**
 * What of a decision moves its resource; the store's `DecisionInput` is
 * one, so this file needs nothing back from the store.
 */
export interface ResourceDecision {
  approval: {
    resourceId: string;
    action: 'create' | 'update';
    config: Record<string, unknown>;
    dependsOn: string[];
    previousState?: ResourceState;
    expiresAt: string;
  };
  actor: string;
  outcome: 'approved' | 'rejected' | 'expired';
  /** The approving groups the decider speaks for. */
  groups: string[];
  comment?: string;
  /** The completing approval's request judged again, if it was. */
  judged?: { dependsOn: string[]; refusal?: string };
}

/** The platform's name on the timeline, for what no person decided. */
export const PLATFORM_ACTOR = 'platform-engine';

/**
 * What a decision does to its resource, in the decision's transaction: a
 * completed approval lets it be provisioned (a change, with the new
 * configuration), a rejection or an expiry ends a create and returns a
 * change to where it was; an approval that others must join is recorded.
 */
export async function moveResource(
  resources: ResourceStore,
  tx: Knex.Transaction,
  options: {
    input: ResourceDecision;
    settled: ApprovalState | undefined;
    /** Why an approved request is no longer allowed, when it is not. */
    refusal: string | undefined;
  },
) {
  const { input, settled, refusal } = options;
  const { approval } = input;
  const by = input.outcome === 'expired' ? '' : ` by ${input.actor}`;
  const comment = input.comment ? `: ${input.comment}` : '';
  const resourceId = approval.resourceId;
  if (!settled) {
    await resources.events.recordWithin(tx, {
      id: resourceId,
      type: 'approved',
      state: 'awaiting-approval',
      actor: input.actor,
      message: `Approved for ${input.groups.join(
        ' and ',
      )}${by}${comment}; still waiting for another group`,
    });
    return;
  }
  if (settled === 'approved') {
    // The references as resolved again when approved, if they were.
    const dependsOn = input.judged?.dependsOn;
    await resources.transitionWithin(tx, {
      id: resourceId,
      from: ['awaiting-approval'],
      to: approval.action === 'create' ? 'pending' : 'updating',
      type: 'approved',
      actor: input.actor,
      message: `Approved${by}${comment}`,
      changes:
        approval.action === 'update'
          ? {
              config: approval.config,
              dependsOn: dependsOn ?? approval.dependsOn,
              error: null,
            }
          : dependsOn && { dependsOn },
    });
    return;
  }
  let reason = `Rejected${by}${comment}`;
  if (settled === 'expired') {
    reason = `Expired: nobody decided by ${approval.expiresAt}`;
  } else if (refusal) {
    reason = `Rejected: no longer allowed when approved${by}: ${refusal}`;
  }
  const actor = refusal ? PLATFORM_ACTOR : input.actor;
  const type = settled === 'expired' ? 'approval-expired' : 'rejected';
  if (approval.action === 'create') {
    await resources.rejectWithin(tx, { id: resourceId, actor, type, reason });
    return;
  }
  await resources.transitionWithin(tx, {
    id: resourceId,
    from: ['awaiting-approval'],
    to: approval.previousState ?? 'ready',
    type,
    actor,
    message: `${reason}; the configuration stays as it was`,
  });
}
