import os from 'node:os';
import { resolve } from 'node:path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RepositoryOptions } from './git/types';
import { RenderOptions } from './manifests/types';
import { dnsLabel } from './resourcePath';

/** Where manifests go when no repository is configured, relative to the working directory. */
export const DEFAULT_REPOSITORY_PATH = './data/gitops';
export const DEFAULT_GATEWAY_NAME = 'platform-gateway';
export const DEFAULT_GATEWAY_NAMESPACE = 'gateway-system';
/**
 * A placeholder that serves HTTP on port 8080 as a non-root user, until the
 * team's own image is set.
 */
export const DEFAULT_IMAGE = 'nginxinc/nginx-unprivileged:1.27-alpine';
export const DEFAULT_OIDC_CLIENT_SECRET_NAME = 'platform-oidc-client';

/**
 * The settings of the GitOps provisioner, read from `platform.gitops`.
 */
export interface GitOpsOptions {
  repository: RepositoryOptions;
  render: RenderOptions;
}

function readRepository(
  gitops: Config | undefined,
  workingDirectory: string,
): RepositoryOptions {
  const repository = gitops?.getOptionalConfig('repository');
  const path = repository?.getOptionalString('path');
  const url = repository?.getOptionalString('url');
  if (path && url) {
    throw new InputError(
      'platform.gitops.repository takes either a path or a url, not both',
    );
  }
  if (url) {
    return {
      url,
      branch: repository?.getOptionalString('branch') ?? 'main',
      username: repository?.getOptionalString('username'),
      token: repository?.getOptionalString('token'),
      workdir: resolve(
        workingDirectory,
        gitops?.getOptionalString('workdir') ?? os.tmpdir(),
      ),
    };
  }
  return { path: resolve(workingDirectory, path ?? DEFAULT_REPOSITORY_PATH) };
}

function readRender(gitops: Config | undefined): RenderOptions {
  const identityProvider = gitops?.getOptionalConfig('identityProvider');
  return {
    gatewayName: dnsLabel(
      'platform.gitops.gatewayName',
      gitops?.getOptionalString('gatewayName') ?? DEFAULT_GATEWAY_NAME,
    ),
    gatewayNamespace: dnsLabel(
      'platform.gitops.gatewayNamespace',
      gitops?.getOptionalString('gatewayNamespace') ??
        DEFAULT_GATEWAY_NAMESPACE,
    ),
    image: gitops?.getOptionalString('image') ?? DEFAULT_IMAGE,
    identityProvider: identityProvider && {
      issuer: identityProvider.getString('issuer'),
      jwksUri: identityProvider.getOptionalString('jwksUri'),
      clientId: identityProvider.getOptionalString('clientId'),
      clientSecretName: dnsLabel(
        'platform.gitops.identityProvider.clientSecretName',
        identityProvider.getOptionalString('clientSecretName') ??
          DEFAULT_OIDC_CLIENT_SECRET_NAME,
      ),
    },
  };
}

/**
 * Reads `platform.gitops`, resolving relative paths against a working
 * directory (the backend's, by default).
 *
 * @throws InputError for a repository with both a path and a url, or a
 * gateway name that is not a DNS label
 */
export function readGitOpsConfig(
  config: Config,
  workingDirectory: string = process.cwd(),
): GitOpsOptions {
  const gitops = config.getOptionalConfig('platform.gitops');
  return {
    repository: readRepository(gitops, workingDirectory),
    render: readRender(gitops),
  };
}
