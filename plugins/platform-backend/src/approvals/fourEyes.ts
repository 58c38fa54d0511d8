import { NotAllowedError } from '@backstage/errors';
import { ApprovalRequirement } from '@idp-kit/plugin-platform-common';

/**
 * An entity ref as the catalog compares refs: case does not matter, so
 * `user:default/Priya` is the person `user:default/priya`.
 */
export function canonicalRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * Whether a person made a request. The platform records the person behind
 * a request whichever way it came: a template or an AI assistant calls
 * with the user's credentials (a user principal whose `actor` is the
 * scaffolder or the MCP actions), so only a service that acts for nobody
 * is recorded as `service:...`.
 */
export function isPerson(requestedBy: string): boolean {
  return canonicalRef(requestedBy).startsWith('user:');
}

/** The groups of `open` that the decider's `groups` include, as `open` names them. */
export function groupsAmong(open: string[], groups: string[]): string[] {
  const member = new Set(groups.map(canonicalRef));
  return open.filter(group => member.has(canonicalRef(group)));
}

/** The groups that approve a request, each once. */
export function approversOf(requirements: ApprovalRequirement[]): string[] {
  return [...new Set(requirements.map(r => r.approvers))];
}

/** Who may decide a request that a service made with nobody behind it. */
export function serviceRequestNote(requestedBy: string, approvers: string[]) {
  const who =
    approvers.length === 1
      ? `any member of ${approvers[0]} may decide`
      : `any member of ${approvers.join(' or ')} may decide for their group`;
  return `${requestedBy} is a service that acts for no person: ${who}`;
}

/**
 * The approving groups a decider speaks for: approving, those still to
 * approve; rejecting, any. Refuses the person who made the request (four
 * eyes, whatever case their ref is written in) and anyone in none of the
 * groups.
 */
export function decidesFor(
  approval: {
    requirements: ApprovalRequirement[];
    awaiting: string[];
    requestedBy: string;
  },
  decider: { ref: string; groups: string[] },
  outcome: 'approved' | 'rejected',
): string[] {
  const approvers = approversOf(approval.requirements);
  if (canonicalRef(approval.requestedBy) === canonicalRef(decider.ref)) {
    throw new NotAllowedError(
      `${
        decider.ref
      } made this request and may not decide on it: another member of ${approvers.join(
        ' or ',
      )} must`,
    );
  }
  const open = outcome === 'approved' ? approval.awaiting : approvers;
  const speaksFor = groupsAmong(open, decider.groups);
  if (speaksFor.length === 0) {
    throw new NotAllowedError(
      `${decider.ref} is not a member of ${open.join(
        ' or ',
      )}, who decide on this request`,
    );
  }
  return speaksFor;
}
