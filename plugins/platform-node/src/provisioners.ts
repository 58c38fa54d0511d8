import { LoggerService } from '@backstage/backend-plugin-api';
import { PlatformResource } from '@idp-kit/plugin-platform-common';

/**
 * What a provisioner is given for one attempt on one resource.
 *
 * @public
 */
export interface ProvisionerContext {
  resource: PlatformResource;
  /**
   * The secrets an earlier provision returned, decrypted; empty before the
   * first successful provision.
   */
  secrets: Record<string, string>;
  /**
   * Aborted when the attempt times out or the engine shuts down. Stop
   * promptly when it fires: the engine starts no other attempt on the
   * resource until this one has settled.
   */
  signal: AbortSignal;
  /** A logger scoped to the resource. */
  logger: LoggerService;
  /** Appends an entry to the resource's timeline. */
  appendEvent(message: string): Promise<void>;
}

/**
 * What a successful provision or update hands back.
 *
 * @public
 */
export interface ProvisionResult {
  /** Non-secret connection details, shown to anyone who may read the resource. */
  outputs?: Record<string, unknown>;
  /** Secret connection details, stored encrypted and shown only to those allowed. */
  secrets?: Record<string, string>;
}

/**
 * What a provisioner reports of a resource it manages.
 *
 * @public
 */
export interface ProvisionerStatus {
  healthy: boolean;
  message?: string;
  /** The configuration as it actually is, to detect drift from the desired one. */
  actualConfig?: Record<string, unknown>;
}

/**
 * Creates, changes and removes the real thing behind resources of one offering.
 *
 * Every method must be idempotent, keyed by `resource.id`: it may be called
 * again after a crash half-way, and must then neither create twice nor fail
 * because the thing already exists (or is already gone).
 *
 * @public
 */
export interface ResourceProvisioner {
  provision(context: ProvisionerContext): Promise<ProvisionResult>;
  update?(context: ProvisionerContext): Promise<ProvisionResult>;
  deprovision(context: ProvisionerContext): Promise<void>;
  getStatus(context: ProvisionerContext): Promise<ProvisionerStatus>;
}
