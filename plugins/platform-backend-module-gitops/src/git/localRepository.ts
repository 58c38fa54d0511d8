import fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { errorCode } from './errorCode';
import { CommitResult, DirectoryFiles } from './types';

// The history of the repository on this machine: its objects, index and
// commits. Nothing here talks to a remote.

/** The author of every commit the platform makes. */
const COMMIT_AUTHOR = {
  name: 'Backstage Platform',
  email: 'platform@backstage.local',
};

const README = `# Platform manifests

Kubernetes manifests of resources requested through the Backstage platform.
Each resource has a directory \`<environment>/<team>/<name>/\` with one YAML
file per object. The platform rewrites these files whenever a resource
changes, so edits made here by hand are overwritten.
`;

/** Creates the directory and an empty repository in it, unless there is one. */
export async function initRepository(
  dir: string,
  defaultBranch: string,
): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  if (!fs.existsSync(join(dir, '.git'))) {
    await git.init({ fs, dir, defaultBranch });
  }
}

export async function headCommit(dir: string): Promise<string> {
  return git.resolveRef({ fs, dir, ref: 'HEAD' });
}

/** Gives a repository without commits a first one, holding a README. */
export async function ensureFirstCommit(dir: string): Promise<void> {
  try {
    await headCommit(dir);
    return;
  } catch (error) {
    if (errorCode(error) !== 'NotFoundError') {
      throw error;
    }
  }
  await fs.promises.writeFile(join(dir, 'README.md'), README);
  await git.add({ fs, dir, filepath: 'README.md' });
  await git.commit({
    fs,
    dir,
    message: 'Start the platform manifests repository',
    author: COMMIT_AUTHOR,
  });
}

/**
 * Reads the files of a directory as a commit holds them.
 *
 * @returns the files, or undefined when the directory does not exist
 */
export async function readCommittedFiles(
  dir: string,
  commit: string,
  directory: string,
): Promise<DirectoryFiles | undefined> {
  let tree;
  try {
    ({ tree } = await git.readTree({
      fs,
      dir,
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
      const { blob } = await git.readBlob({ fs, dir, oid: entry.oid });
      files[entry.path] = Buffer.from(blob).toString('utf8');
    }
  }
  return files;
}

/**
 * Commits what changed in the working tree under a directory, if anything.
 */
export async function commitDirectory(
  dir: string,
  directory: string,
  message: string,
): Promise<CommitResult> {
  const rows = await git.statusMatrix({ fs, dir, filepaths: [directory] });
  let changed = false;
  for (const [filepath, head, workdir, stage] of rows) {
    if (head === 1 && workdir === 1 && stage === 1) {
      continue;
    }
    if (workdir === 0) {
      await git.remove({ fs, dir, filepath });
    } else {
      await git.add({ fs, dir, filepath });
    }
    // A file staged by an interrupted run, now equal to the head again, is no change.
    changed ||= !(head === 1 && workdir === 1);
  }
  if (!changed) {
    return { commit: await headCommit(dir), changed: false };
  }
  const commit = await git.commit({
    fs,
    dir,
    message,
    author: COMMIT_AUTHOR,
  });
  return { commit, changed: true };
}
