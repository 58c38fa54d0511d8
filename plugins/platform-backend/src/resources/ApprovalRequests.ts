import {
  ApprovalRequirement,
  PlatformResource,
  ResourceState,
} from '@idp-kit/plugin-platform-common';
import { Knex } from 'knex';

/** A create or change that must wait for approval. */
export interface PendingRequest {
  action: 'create' | 'update';
  requirements: ApprovalRequirement[];
  /** The configuration asked for. */
  config: Record<string, unknown>;
  dependsOn: string[];
  /** Where a rejected change leaves the resource. */
  previousState?: ResourceState;
  requestedBy: string;
  requestedVia: PlatformResource['createdVia'];
}

/** How resources hand requests that need approval to the approvals. */
export interface ApprovalRequests {
  /** Records the request in the transaction that records the resource. */
  requestWithin(
    tx: Knex.Transaction,
    resource: PlatformResource,
    request: PendingRequest,
  ): Promise<void>;
  /** Tells the approvers, once the request is recorded. */
  requested(resource: PlatformResource, request: PendingRequest): void;
  /** Ends the request a resource waits on, because it is being deleted. */
  withdrawWithin(tx: Knex.Transaction, resourceId: string): Promise<void>;
}
