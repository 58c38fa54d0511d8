/**
 * A platform backend module that provisions web applications and API
 * gateways by committing Kubernetes manifests to a Git repository.
 *
 * @packageDocumentation
 */

export { platformModuleGitOps as default } from './module';
export { GitOpsProvisioner, gitOpsOfferings } from './GitOpsProvisioner';
export { GitRepository } from './git/GitRepository';
export type {
  CommitResult,
  DirectoryFiles,
  LocalRepositoryOptions,
  RemoteRepositoryOptions,
  RepositoryOptions,
} from './git/types';
export {
  webApplicationManifests,
  renderWebApplication,
} from './manifests/webApplication';
export { apiGatewayManifests, renderApiGateway } from './manifests/apiGateway';
export type {
  IdentityProviderOptions,
  KubernetesObject,
  OfferingManifests,
  RenderOptions,
} from './manifests/types';
