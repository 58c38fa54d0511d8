import { resolve } from 'node:path';
import { ConflictError } from '@backstage/errors';
import {
  commitDirectory,
  ensureFirstCommit,
  headCommit,
  initRepository,
  readCommittedFiles,
} from './localRepository';
import { RemoteBranch, isMovedBranchError } from './RemoteBranch';
import { SerialQueue } from './SerialQueue';
import {
  CommitResult,
  DirectoryFiles,
  RemoteRepositoryOptions,
  RepositoryOptions,
} from './types';
import {
  checkDirectoryPath,
  checkInsideClone,
  writeDirectoryFiles,
} from './workingTreeFiles';

/** How often a change is redone on a fresh copy when another writer pushed first. */
const PUSH_ATTEMPTS = 5;

/** A short random pause, so that writers who collided do not collide again. */
function pause(attempt: number): Promise<void> {
  return new Promise(done => setTimeout(done, Math.random() * 100 * attempt));
}

function isRemote(
  options: RepositoryOptions,
): options is RemoteRepositoryOptions {
  return 'url' in options;
}

/**
 * A Git repository of manifests that the platform changes one directory at
 * a time, each change in its own commit.
 *
 * All work on one working tree is serialized within the process. With a
 * remote, every change starts from a fresh fetch of the branch and is pushed
 * at once; if another writer pushed in between, the change is redone on top.
 *
 * @public
 */
export class GitRepository {
  static readonly #queues = new Map<string, SerialQueue>();

  readonly #dir: string;
  readonly #remote?: RemoteBranch;
  readonly #queue: SerialQueue;
  /** Where the repository is, without credentials, for outputs and logs. */
  readonly location: string;

  private constructor(options: {
    dir: string;
    location: string;
    remote?: RemoteBranch;
  }) {
    this.#dir = options.dir;
    this.#remote = options.remote;
    this.location = options.location;
    let queue = GitRepository.#queues.get(options.dir);
    if (!queue) {
      queue = new SerialQueue();
      GitRepository.#queues.set(options.dir, queue);
    }
    this.#queue = queue;
  }

  /**
   * Opens a repository, creating it on first use: a local directory gets a
   * repository with a first commit on `main`; a remote gets a local clone.
   */
  static async open(options: RepositoryOptions): Promise<GitRepository> {
    if (isRemote(options)) {
      const remote = await RemoteBranch.open(options);
      return new GitRepository({
        dir: remote.dir,
        location: remote.location,
        remote,
      });
    }
    const dir = resolve(options.path);
    await initRepository(dir, 'main');
    const repository = new GitRepository({ dir, location: dir });
    await repository.#queue.run(() => ensureFirstCommit(dir));
    return repository;
  }

  /**
   * Reads the files of a directory at the head of the branch.
   *
   * @returns the head commit, and the files or undefined when the directory
   * does not exist
   */
  async readDirectory(
    directory: string,
    signal?: AbortSignal,
  ): Promise<{ commit: string; files?: DirectoryFiles }> {
    checkDirectoryPath(directory);
    return this.#queue.run(async () => {
      signal?.throwIfAborted();
      await this.#remote?.checkOutHead();
      const commit = await headCommit(this.#dir);
      return {
        commit,
        files: await readCommittedFiles(this.#dir, commit, directory),
      };
    });
  }

  /**
   * Replaces a directory's files with those `change` returns for the current
   * ones, or removes the directory when it returns undefined, and commits
   * only if that changed anything.
   */
  async changeDirectory(options: {
    directory: string;
    message: string;
    change: (current?: DirectoryFiles) => DirectoryFiles | undefined;
    signal?: AbortSignal;
  }): Promise<CommitResult> {
    const { directory, message, change, signal } = options;
    checkDirectoryPath(directory);
    return this.#queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        signal?.throwIfAborted();
        const remoteHead = await this.#remote?.checkOutHead();
        await checkInsideClone(this.#dir, directory, this.location);
        const current = await readCommittedFiles(
          this.#dir,
          await headCommit(this.#dir),
          directory,
        );
        await writeDirectoryFiles(this.#dir, directory, change(current));
        const result = await commitDirectory(this.#dir, directory, message);
        // Also push when the branch is new on the remote.
        if (!this.#remote || result.commit === remoteHead) {
          return result;
        }
        signal?.throwIfAborted();
        try {
          await this.#remote.push(signal);
          return result;
        } catch (error) {
          if (!isMovedBranchError(error)) {
            throw error;
          }
          if (attempt >= PUSH_ATTEMPTS) {
            throw new ConflictError(
              `Could not push to ${this.location}: the branch ${
                this.#remote.branch
              } kept moving`,
              error,
            );
          }
          await pause(attempt);
        }
      }
    });
  }
}
