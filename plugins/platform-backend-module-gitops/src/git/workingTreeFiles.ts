import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '@backstage/errors';
import { dnsLabel } from '../resourcePath';
import { errorCode } from './errorCode';
import { DirectoryFiles } from './types';

// The files of the working tree, written with plain file system calls; what
// reaches a commit is decided by commitDirectory.

const FILE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Refuses a directory path that is not DNS labels joined by slashes. */
export function checkDirectoryPath(directory: string): void {
  for (const segment of directory.split('/')) {
    dnsLabel('path segment', segment);
  }
}

/**
 * Refuses a directory whose path in the working tree passes through a
 * symbolic link or a file: a link committed to the repository (an
 * environment folder pointing at `/etc`, say) would otherwise make every
 * write, removal and mkdir below it land outside the clone.
 *
 * @param location - where the repository is, to name it in errors
 */
export async function checkInsideClone(
  dir: string,
  directory: string,
  location: string,
): Promise<void> {
  let prefix = '';
  for (const segment of directory.split('/')) {
    prefix = prefix ? `${prefix}/${segment}` : segment;
    let stats;
    try {
      stats = await fs.promises.lstat(join(dir, prefix));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return; // nothing exists below a missing folder
      }
      throw error;
    }
    if (stats.isSymbolicLink()) {
      throw new InputError(
        `Refusing to change ${directory} in ${location}: ${prefix} is a symbolic link in the repository, which could lead outside it`,
      );
    }
    if (!stats.isDirectory()) {
      throw new InputError(
        `Refusing to change ${directory} in ${location}: ${prefix} is a file in the repository, not a folder`,
      );
    }
  }
}

/**
 * Replaces a directory's files with the given ones, or removes the
 * directory when there are none.
 */
export async function writeDirectoryFiles(
  dir: string,
  directory: string,
  files?: DirectoryFiles,
): Promise<void> {
  const path = join(dir, directory);
  await fs.promises.rm(path, { recursive: true, force: true });
  if (!files) {
    await removeEmptyParents(dir, directory);
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

/** Removes `<environment>/<team>` when its last resource is gone. */
async function removeEmptyParents(
  dir: string,
  directory: string,
): Promise<void> {
  for (
    let parent = dirname(directory);
    parent !== '.';
    parent = dirname(parent)
  ) {
    try {
      await fs.promises.rmdir(join(dir, parent));
    } catch {
      return; // not empty, or already gone
    }
  }
}
