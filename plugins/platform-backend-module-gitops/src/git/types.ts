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
