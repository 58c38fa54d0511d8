import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { resolve } from 'node:path';
import { ConflictError } from '@backstage/errors';
import git, { AuthCallback } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { errorCode } from './errorCode';
import { ensureFirstCommit, initRepository } from './localRepository';
import { RemoteRepositoryOptions } from './types';

/**
 * Push failures that mean the branch moved since the fetch: refused by the
 * client as not a fast-forward, or by the server's compare-and-swap.
 */
const MOVED_BRANCH_ERRORS = ['PushRejectedError', 'GitPushError'];

/** Whether a push failed because another writer pushed to the branch first. */
export function isMovedBranchError(error: unknown): boolean {
  return MOVED_BRANCH_ERRORS.includes(errorCode(error) ?? '');
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * One branch of a remote repository and the local clone it is worked on in:
 * fetched before every read or change, pushed after every commit.
 */
export class RemoteBranch {
  readonly dir: string;
  readonly branch: string;
  /** The remote's URL without credentials, for outputs and logs. */
  readonly location: string;
  readonly #onAuth?: AuthCallback;

  private constructor(options: {
    dir: string;
    branch: string;
    location: string;
    onAuth?: AuthCallback;
  }) {
    this.dir = options.dir;
    this.branch = options.branch;
    this.location = options.location;
    this.#onAuth = options.onAuth;
  }

  /**
   * Prepares the local clone, at a path under the workdir fixed by the URL
   * and branch, so that it is reused across restarts and shared by every
   * repository object working on that branch.
   */
  static async open(options: RemoteRepositoryOptions): Promise<RemoteBranch> {
    const key = createHash('sha256')
      .update(`${options.url}\n${options.branch}`)
      .digest('hex')
      .slice(0, 16);
    const dir = resolve(options.workdir, 'backstage-platform-gitops', key);
    await initRepository(dir, options.branch);
    await git.addRemote({
      fs,
      dir,
      remote: 'origin',
      url: options.url,
      force: true,
    });
    const { token, username } = options;
    return new RemoteBranch({
      dir,
      branch: options.branch,
      location: withoutCredentials(options.url),
      // Most hosts take any user name with a token; some, such as
      // Bitbucket, need a particular one, hence the setting.
      onAuth: token
        ? () => ({ username: username ?? 'x-access-token', password: token })
        : undefined,
    });
  }

  /**
   * Makes the working tree the remote branch's head, and returns that head;
   * undefined when the remote has no such branch yet, which then starts here.
   */
  async checkOutHead(): Promise<string | undefined> {
    let fetchHead: string | null = null;
    try {
      ({ fetchHead } = await git.fetch({
        fs,
        http,
        dir: this.dir,
        remote: 'origin',
        ref: this.branch,
        singleBranch: true,
        tags: false,
        onAuth: this.#onAuth,
      }));
    } catch (error) {
      // An empty remote, or one without the branch yet: start it here.
      if (errorCode(error) !== 'NotFoundError') {
        throw error;
      }
    }
    if (!fetchHead) {
      await ensureFirstCommit(this.dir);
      return undefined;
    }
    await git.writeRef({
      fs,
      dir: this.dir,
      ref: `refs/heads/${this.branch}`,
      value: fetchHead,
      force: true,
    });
    await git.checkout({ fs, dir: this.dir, ref: this.branch, force: true });
    return fetchHead;
  }

  /**
   * Pushes the local branch; when another writer pushed since checkOutHead,
   * the error is one that isMovedBranchError recognizes.
   */
  async push(signal?: AbortSignal): Promise<void> {
    const result = await git.push({
      fs,
      http,
      dir: this.dir,
      remote: 'origin',
      ref: this.branch,
      remoteRef: this.branch,
      onAuth: this.#onAuth,
      signal,
    });
    if (!result.ok) {
      throw new ConflictError(
        `Could not push to ${this.location}: ${result.error ?? 'rejected'}`,
      );
    }
  }
}
