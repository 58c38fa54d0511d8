import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotImplementedError, isError } from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import {
  ProvisionResult,
  ProvisionerContext,
  ProvisionerStatus,
  ResourceProvisioner,
} from '@idp-kit/plugin-platform-node';
import { readGitOpsConfig } from './GitOpsConfig';
import { GitRepository } from './git/GitRepository';
import { CommitResult, DirectoryFiles, RepositoryOptions } from './git/types';
import { apiGatewayManifests } from './manifests/apiGateway';
import {
  RESOURCE_ID_LABEL,
  labelValue,
  namespaceFor,
} from './manifests/labels';
import {
  fileNameFor,
  fromManifestFiles,
  toManifestFiles,
} from './manifests/manifestFiles';
import { OfferingManifests, RenderOptions } from './manifests/types';
import { webApplicationManifests } from './manifests/webApplication';
import { resourceDirectory } from './resourcePath';

/**
 * The offerings this provisioner renders, with their manifests.
 *
 * @public
 */
export const gitOpsOfferings: Record<string, OfferingManifests> = {
  'web-application': webApplicationManifests,
  'api-gateway': apiGatewayManifests,
};

type Verb = 'Provision' | 'Update' | 'Deprovision';

function commitMessage(verb: Verb, resource: PlatformResource): string {
  return `${verb} ${resource.offering} ${resource.team}/${resource.environment}/${resource.name} (resource ${resource.id})`;
}

/** The resource id the manifests are labelled with, if they can be read. */
function ownerOf(files: DirectoryFiles): string | undefined {
  try {
    const [object] = fromManifestFiles(files);
    return object?.metadata?.labels?.[RESOURCE_ID_LABEL];
  } catch {
    return undefined;
  }
}

/**
 * Provisions web applications and API gateways by committing their
 * Kubernetes manifests to a Git repository, for Argo CD or Flux to apply.
 *
 * Each resource owns the directory `<environment>/<team>/<name>/`. Every
 * method is idempotent: unchanged manifests make no commit, and removing a
 * directory that is already gone succeeds.
 *
 * @public
 */
export class GitOpsProvisioner implements ResourceProvisioner {
  readonly #openRepository: () => Promise<GitRepository>;
  readonly #manifests: Record<string, OfferingManifests>;
  readonly #render: RenderOptions;
  readonly #logger: LoggerService;
  #opened?: Promise<GitRepository>;

  /**
   * Creates a provisioner from `platform.gitops` configuration.
   */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; workingDirectory?: string },
  ): GitOpsProvisioner {
    const gitops = readGitOpsConfig(config, options.workingDirectory);
    return new GitOpsProvisioner({
      repository: gitops.repository,
      render: gitops.render,
      manifests: gitOpsOfferings,
      logger: options.logger,
    });
  }

  constructor(options: {
    repository: RepositoryOptions;
    render: RenderOptions;
    /** Manifests per offering id. */
    manifests: Record<string, OfferingManifests>;
    logger: LoggerService;
  }) {
    this.#openRepository = () => GitRepository.open(options.repository);
    this.#render = options.render;
    this.#manifests = options.manifests;
    this.#logger = options.logger;
  }

  /** Ids of the offerings this provisioner handles. */
  get offerings(): string[] {
    return Object.keys(this.#manifests);
  }

  async provision(context: ProvisionerContext): Promise<ProvisionResult> {
    return this.#write(context, 'Provision');
  }

  async update(context: ProvisionerContext): Promise<ProvisionResult> {
    return this.#write(context, 'Update');
  }

  async deprovision(context: ProvisionerContext): Promise<void> {
    const { resource, signal } = context;
    const directory = resourceDirectory(resource);
    const repository = await this.#repository();
    let foreignOwner: string | undefined;
    const result = await repository.changeDirectory({
      directory,
      message: commitMessage('Deprovision', resource),
      signal,
      change: current => {
        const owner = current && ownerOf(current);
        // Never remove the manifests of another resource that took the name.
        if (owner && owner !== labelValue(resource.id)) {
          foreignOwner = owner;
          return current;
        }
        return undefined;
      },
    });
    if (foreignOwner) {
      context.logger.warn(
        `Left ${directory} in place: it holds the manifests of resource ${foreignOwner}`,
      );
      await context.appendEvent(
        `Left ${directory} in place: it holds the manifests of another resource`,
      );
      return;
    }
    await this.#report(context, result, directory);
  }

  async getStatus(context: ProvisionerContext): Promise<ProvisionerStatus> {
    const { resource, signal } = context;
    const manifests = this.#manifestsFor(resource);
    const directory = resourceDirectory(resource);
    const repository = await this.#repository();
    const { commit, files } = await repository.readDirectory(directory, signal);
    if (!files) {
      return {
        healthy: false,
        message: `No manifests at ${directory} in ${repository.location}`,
      };
    }
    const owner = ownerOf(files);
    if (owner && owner !== labelValue(resource.id)) {
      return {
        healthy: false,
        message: `The manifests at ${directory} belong to resource ${owner}`,
      };
    }
    const missing = manifests
      .render(resource, this.#render)
      .map(fileNameFor)
      .filter(name => !(name in files));
    if (missing.length > 0) {
      return {
        healthy: false,
        message: `Missing from ${directory}: ${missing.join(', ')}`,
      };
    }
    try {
      return {
        healthy: true,
        message: `Manifests committed at ${commit}`,
        actualConfig: manifests.readConfig(fromManifestFiles(files)),
      };
    } catch (error) {
      if (
        isError(error) &&
        ['NotFoundError', 'InputError'].includes(error.name)
      ) {
        return { healthy: false, message: `${directory}: ${error.message}` };
      }
      throw error;
    }
  }

  async #write(
    context: ProvisionerContext,
    verb: Verb,
  ): Promise<ProvisionResult> {
    const { resource, signal } = context;
    const manifests = this.#manifestsFor(resource);
    const directory = resourceDirectory(resource);
    // Rendering validates, so nothing invalid reaches the repository.
    const files = toManifestFiles(manifests.render(resource, this.#render));
    const repository = await this.#repository();
    const result = await repository.changeDirectory({
      directory,
      message: commitMessage(verb, resource),
      signal,
      change: () => files,
    });
    await this.#report(context, result, directory);
    return {
      outputs: {
        repository: repository.location,
        path: directory,
        commit: result.commit,
        namespace: namespaceFor(resource.team, resource.environment),
        ...manifests.outputs(resource),
      },
    };
  }

  async #report(
    context: ProvisionerContext,
    result: CommitResult,
    directory: string,
  ): Promise<void> {
    if (result.changed) {
      await context.appendEvent(`Committed ${result.commit} to ${directory}`);
    } else {
      await context.appendEvent(
        `No change to ${directory}: ${result.commit} already holds it`,
      );
    }
  }

  #manifestsFor(resource: PlatformResource): OfferingManifests {
    const manifests = this.#manifests[resource.offering];
    if (!manifests) {
      throw new NotImplementedError(
        `The GitOps provisioner does not handle the offering ${resource.offering}`,
      );
    }
    return manifests;
  }

  /** Opens the repository on first use, and again after a failed attempt. */
  #repository(): Promise<GitRepository> {
    if (!this.#opened) {
      this.#opened = this.#openRepository().catch(error => {
        this.#opened = undefined;
        this.#logger.error(`Could not open the GitOps repository: ${error}`);
        throw error;
      });
    }
    return this.#opened;
  }
}
