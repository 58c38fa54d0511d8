import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import git, { AuthCallback } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { dnsLabel } from './resourcePath';
import { SerialQueue } from './SerialQueue';

/** The author of every commit the platform makes. */
export const COMMIT_AUTHOR = {
  name: 'Backstage Platform',
  email: 'platform@backstage.local',
};

/** How often a change is redone on a fresh copy when another writer pushed first. */
const PUSH_ATTEMPTS = 5;

/**
 * Push failures that mean the branch moved since the fetch: refused by the
 * client as not a fast-forward, or by the server's compare-and-swap.
 */
const MOVED_BRANCH_ERRORS = ['PushRejectedError', 'GitPushError'];

/** A short random pause, so that writers who collided do not collide again. */
function pause(attempt: number): Promise<void> {
  return new Promise(done => setTimeout(done, Math.random() * 100 * attempt));
}

const FILE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

const README = `# Platform manifests

Kubernetes manifests of resources requested through the Backstage platform.
Each resource has a directory \`<environment>/<team>/<name>/\` with one YAML
file per object. The platform rewrites these files whenever a resource
changes, so edits made here by hand are overwritten.
`;

/**
 * A repository in a local directory, used as it is.
 *
 * @public
 */
export interface LocalRepositoryOptions {
  path: string;
}

/**
 * A remote repository, worked on in a local clone.
 *
 * @public
 */
export interface RemoteRepositoryOptions {
  url: string;
  branch: string;
  username?: string;
  token?: string;
  /** Directory under which the clone is kept. */
  workdir: string;
}

/**
 * Where the repository is.
 *
 * @public
 */
export type RepositoryOptions =
  | LocalRepositoryOptions
  | RemoteRepositoryOptions;

/**
 * Files of one directory, by file name.
 *
 * @public
 */
export type DirectoryFiles = Record<string, string>;

/**
 * What a change did.
 *
 * @public
 */
export interface CommitResult {
  /** The commit that holds the change: a new one, or the head when nothing changed. */
  commit: string;
  changed: boolean;
}

interface Remote {
  onAuth?: AuthCallback;
}

function isRemote(
  options: RepositoryOptions,
): options is RemoteRepositoryOptions {
  return 'url' in options;
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
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

function checkDirectory(directory: string): string {
  for (const segment of directory.split('/')) {
    dnsLabel('path segment', segment);
  }
  return directory;
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
  readonly #branch: string;
  readonly #remote?: Remote;
  readonly #queue: SerialQueue;
  /** Where the repository is, without credentials, for outputs and logs. */
  readonly location: string;

  private constructor(options: {
    dir: string;
    branch: string;
    remote?: Remote;
    location: string;
  }) {
    this.#dir = options.dir;
    this.#branch = options.branch;
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
      return GitRepository.#openRemote(options);
    }
    const dir = resolve(options.path);
    await fs.promises.mkdir(dir, { recursive: true });
    if (!fs.existsSync(join(dir, '.git'))) {
      await git.init({ fs, dir, defaultBranch: 'main' });
    }
    const branch = (await git.currentBranch({ fs, dir })) ?? 'main';
    const repository = new GitRepository({ dir, branch, location: dir });
    await repository.#queue.run(() => repository.#ensureFirstCommit());
    return repository;
  }

  static async #openRemote(
    options: RemoteRepositoryOptions,
  ): Promise<GitRepository> {
    const key = createHash('sha256')
      .update(`${options.url}\n${options.branch}`)
      .digest('hex')
      .slice(0, 16);
    const dir = resolve(options.workdir, 'backstage-platform-gitops', key);
    await fs.promises.mkdir(dir, { recursive: true });
    if (!fs.existsSync(join(dir, '.git'))) {
      await git.init({ fs, dir, defaultBranch: options.branch });
    }
    await git.addRemote({
      fs,
      dir,
      remote: 'origin',
      url: options.url,
      force: true,
    });
    const { token, username } = options;
    return new GitRepository({
      dir,
      branch: options.branch,
      location: withoutCredentials(options.url),
      remote: {
        // Most hosts take any user name with a token; some, such as
        // Bitbucket, need a particular one, hence the setting.
        onAuth: token
          ? () => ({ username: username ?? 'x-access-token', password: token })
          : undefined,
      },
    });
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
    checkDirectory(directory);
    return this.#queue.run(async () => {
      signal?.throwIfAborted();
      await this.#sync();
      const commit = await this.#head();
      return { commit, files: await this.#readFiles(commit, directory) };
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
    checkDirectory(directory);
    return this.#queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        signal?.throwIfAborted();
        const remoteHead = await this.#sync();
        await this.#checkInsideClone(directory);
        const current = await this.#readFiles(await this.#head(), directory);
        await this.#writeFiles(directory, change(current));
        const result = await this.#commit(directory, message);
        // Also push when the branch is new on the remote.
        if (!this.#remote || result.commit === remoteHead) {
          return result;
        }
        signal?.throwIfAborted();
        try {
          await this.#push(signal);
          return result;
        } catch (error) {
          if (!MOVED_BRANCH_ERRORS.includes(errorCode(error) ?? '')) {
            throw error;
          }
          if (attempt >= PUSH_ATTEMPTS) {
            throw new ConflictError(
              `Could not push to ${this.location}: the branch ${
                this.#branch
              } kept moving`,
              error,
            );
          }
          await pause(attempt);
        }
      }
    });
  }

  async #head(): Promise<string> {
    return git.resolveRef({ fs, dir: this.#dir, ref: 'HEAD' });
  }

  async #ensureFirstCommit(): Promise<void> {
    try {
      await this.#head();
      return;
    } catch (error) {
      if (errorCode(error) !== 'NotFoundError') {
        throw error;
      }
    }
    await fs.promises.writeFile(join(this.#dir, 'README.md'), README);
    await git.add({ fs, dir: this.#dir, filepath: 'README.md' });
    await git.commit({
      fs,
      dir: this.#dir,
      message: 'Start the platform manifests repository',
      author: COMMIT_AUTHOR,
    });
  }

  /**
   * Makes the working tree the remote branch's head, and returns that head;
   * undefined when the remote has no such branch yet, or there is no remote.
   */
  async #sync(): Promise<string | undefined> {
    if (!this.#remote) {
      return undefined;
    }
    let fetchHead: string | null = null;
    try {
      ({ fetchHead } = await git.fetch({
        fs,
        http,
        dir: this.#dir,
        remote: 'origin',
        ref: this.#branch,
        singleBranch: true,
        tags: false,
        onAuth: this.#remote.onAuth,
      }));
    } catch (error) {
      // An empty remote, or one without the branch yet: start it here.
      if (errorCode(error) !== 'NotFoundError') {
        throw error;
      }
    }
    if (!fetchHead) {
      await this.#ensureFirstCommit();
      return undefined;
    }
    await git.writeRef({
      fs,
      dir: this.#dir,
      ref: `refs/heads/${this.#branch}`,
      value: fetchHead,
      force: true,
    });
    await git.checkout({ fs, dir: this.#dir, ref: this.#branch, force: true });
    return fetchHead;
  }

  async #push(signal?: AbortSignal): Promise<void> {
    const result = await git.push({
      fs,
      http,
      dir: this.#dir,
      remote: 'origin',
      ref: this.#branch,
      remoteRef: this.#branch,
      onAuth: this.#remote?.onAuth,
      signal,
    });
    if (!result.ok) {
      throw new ConflictError(
        `Could not push to ${this.location}: ${result.error ?? 'rejected'}`,
      );
    }
  }

  async #readFiles(
    commit: string,
    directory: string,
  ): Promise<DirectoryFiles | undefined> {
    let tree;
    try {
      ({ tree } = await git.readTree({
        fs,
        dir: this.#dir,
        oid: commit,
        filepath: directory,
      }));
    } catch (error) {
      if (errorCode(error) === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
    const files: DirectoryFiles = {};
    for (const entry of tree) {
      if (entry.type === 'blob') {
        const { blob } = await git.readBlob({
          fs,
          dir: this.#dir,
          oid: entry.oid,
        });
        files[entry.path] = Buffer.from(blob).toString('utf8');
      }
    }
    return files;
  }

  async #writeFiles(directory: string, files?: DirectoryFiles): Promise<void> {
    const path = join(this.#dir, directory);
    await fs.promises.rm(path, { recursive: true, force: true });
    if (!files) {
      await this.#removeEmptyParents(directory);
      return;
    }
    await fs.promises.mkdir(path, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      if (!FILE_NAME.test(name)) {
        throw new InputError(
          `Refusing to write the file name ${JSON.stringify(name)}`,
        );
      }
      await fs.promises.writeFile(join(path, name), content);
    }
  }

  /**
   * Refuses a directory whose path in the working tree passes through a
   * symbolic link or a file: a link committed to the repository (an
   * environment folder pointing at `/etc`, say) would otherwise make every
   * write, removal and mkdir below it land outside the clone.
   */
  async #checkInsideClone(directory: string): Promise<void> {
    let prefix = '';
    for (const segment of directory.split('/')) {
      prefix = prefix ? `${prefix}/${segment}` : segment;
      let stats;
      try {
        stats = await fs.promises.lstat(join(this.#dir, prefix));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') {
          return; // nothing exists below a missing folder
        }
        throw error;
      }
      if (stats.isSymbolicLink()) {
        throw new InputError(
          `Refusing to change ${directory} in ${this.location}: ${prefix} is a symbolic link in the repository, which could lead outside it`,
        );
      }
      if (!stats.isDirectory()) {
        throw new InputError(
          `Refusing to change ${directory} in ${this.location}: ${prefix} is a file in the repository, not a folder`,
        );
      }
    }
  }

  /** Removes `<environment>/<team>` when its last resource is gone. */
  async #removeEmptyParents(directory: string): Promise<void> {
    for (
      let parent = dirname(directory);
      parent !== '.';
      parent = dirname(parent)
    ) {
      try {
        await fs.promises.rmdir(join(this.#dir, parent));
      } catch {
        return; // not empty, or already gone
      }
    }
  }

  async #commit(directory: string, message: string): Promise<CommitResult> {
    const rows = await git.statusMatrix({
      fs,
      dir: this.#dir,
      filepaths: [directory],
    });
    let changed = false;
    for (const [filepath, head, workdir, stage] of rows) {
      if (head === 1 && workdir === 1 && stage === 1) {
        continue;
      }
      if (workdir === 0) {
        await git.remove({ fs, dir: this.#dir, filepath });
      } else {
        await git.add({ fs, dir: this.#dir, filepath });
      }
      // A file staged by an interrupted run, now equal to the head again, is no change.
      changed ||= !(head === 1 && workdir === 1);
    }
    if (!changed) {
      return { commit: await this.#head(), changed: false };
    }
    const commit = await git.commit({
      fs,
      dir: this.#dir,
      message,
      author: COMMIT_AUTHOR,
    });
    return { commit, changed: true };
  }
}
