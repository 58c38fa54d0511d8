/**
 * Extension points and interfaces for modules of the platform backend.
 *
 * @packageDocumentation
 */

export * from './extensions';
export { PlatformClient } from './PlatformClient';
export type { PlatformClientCallOptions } from './PlatformClient';
export type { PlatformPolicy, PolicyContext, PolicyOutcome } from './policies';
export type {
  ResourceProvisioner,
  ProvisionerContext,
  ProvisionResult,
  ProvisionerStatus,
} from './provisioners';
