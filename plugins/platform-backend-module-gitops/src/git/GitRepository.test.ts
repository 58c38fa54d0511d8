import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { GitRepository } from './GitRepository';
import { startGitServer } from '../__testUtils__/startGitServer';

function gitCli(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString()
    .trim();
}

/** Every file and folder under a directory, with the content of each file. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true })) {
    const full = join(dir, String(entry));
    entries[String(entry)] = fs.statSync(full).isDirectory()
      ? '<dir>'
      : fs.readFileSync(full, 'utf8');
  }
  return entries;
}

/** Commits every change of a work tree, as a person would by hand. */
function commitAll(dir: string, message: string): void {
  gitCli(dir, 'add', '-A');
  gitCli(
    dir,
    '-c',
    'user.name=x',
    '-c',
    'user.email=x@x',
    'commit',
    '-qm',
    message,
  );
}

function commitCount(dir: string, ref = 'HEAD'): number {
  return Number(gitCli(dir, 'rev-list', '--count', ref));
}

// Real git processes: several at once take seconds on a busy machine.
jest.setTimeout(60_000);

describe('GitRepository', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => mockDir.clear());

  describe('in a local directory', () => {
    it('creates a repository with a first commit on main', async () => {
      const path = mockDir.resolve('gitops');
      const repository = await GitRepository.open({ path });

      expect(repository.location).toBe(path);
      expect(gitCli(path, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
      expect(commitCount(path)).toBe(1);
      expect(gitCli(path, 'log', '-1', '--format=%an <%ae>')).toBe(
        'Backstage Platform <platform@backstage.local>',
      );
      expect(fs.readFileSync(join(path, 'README.md'), 'utf8')).toContain(
        '<environment>/<team>/<name>/',
      );

      await GitRepository.open({ path });
      expect(commitCount(path)).toBe(1);
    });

    it('commits a directory once, replaces it, and removes it', async () => {
      const path = mockDir.resolve('gitops');
      const repository = await GitRepository.open({ path });
      const directory = 'development/team-alpha/storefront';

      const first = await repository.changeDirectory({
        directory,
        message: 'Add storefront',
        change: current => {
          expect(current).toBeUndefined();
          return { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' };
        },
      });
      expect(first.changed).toBe(true);
      expect(gitCli(path, 'rev-parse', 'HEAD')).toBe(first.commit);
      expect(gitCli(path, 'log', '-1', '--format=%s')).toBe('Add storefront');
      expect(gitCli(path, 'ls-tree', '-r', '--name-only', 'HEAD')).toBe(
        [
          'README.md',
          'development/team-alpha/storefront/a.yaml',
          'development/team-alpha/storefront/b.yaml',
        ].join('\n'),
      );

      const again = await repository.changeDirectory({
        directory,
        message: 'Add storefront again',
        change: () => ({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }),
      });
      expect(again).toEqual({ commit: first.commit, changed: false });
      expect(commitCount(path)).toBe(2);

      const replaced = await repository.changeDirectory({
        directory,
        message: 'Replace storefront',
        change: current => {
          expect(current).toEqual({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
          return { 'a.yaml': 'a: 2\n' };
        },
      });
      expect(replaced.changed).toBe(true);
      expect(gitCli(path, 'show', `HEAD:${directory}/a.yaml`)).toBe('a: 2');
      expect(() =>
        gitCli(path, 'cat-file', '-e', `HEAD:${directory}/b.yaml`),
      ).toThrow();

      const removed = await repository.changeDirectory({
        directory,
        message: 'Remove storefront',
        change: () => undefined,
      });
      expect(removed.changed).toBe(true);
      expect(gitCli(path, 'ls-tree', '-r', '--name-only', 'HEAD')).toBe(
        'README.md',
      );
      expect(fs.existsSync(join(path, 'development'))).toBe(false);

      const removedAgain = await repository.changeDirectory({
        directory,
        message: 'Remove storefront again',
        change: () => undefined,
      });
      expect(removedAgain).toEqual({ commit: removed.commit, changed: false });
      expect(await repository.readDirectory(directory)).toEqual({
        commit: removed.commit,
        files: undefined,
      });
    });

    it('reads a directory at the head', async () => {
      const path = mockDir.resolve('gitops');
      const repository = await GitRepository.open({ path });
      const { commit } = await repository.changeDirectory({
        directory: 'staging/team-beta/api',
        message: 'Add api',
        change: () => ({ 'route.yaml': 'kind: HTTPRoute\n' }),
      });
      // Files in the working tree that were never committed are not read.
      fs.writeFileSync(join(path, 'staging/team-beta/api/stray.yaml'), 'x: 1');

      await expect(
        repository.readDirectory('staging/team-beta/api'),
      ).resolves.toEqual({
        commit,
        files: { 'route.yaml': 'kind: HTTPRoute\n' },
      });
    });

    it('refuses directories that are not DNS labels', async () => {
      const repository = await GitRepository.open({
        path: mockDir.resolve('gitops'),
      });
      for (const directory of ['../outside', 'a//b', '/etc/passwd', 'A/b']) {
        await expect(
          repository.changeDirectory({
            directory,
            message: 'Escape',
            change: () => ({ 'x.yaml': 'x' }),
          }),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
      await expect(repository.readDirectory('..')).rejects.toMatchObject({
        name: 'InputError',
      });
    });

    it.each([
      ['an environment folder', 'development'],
      ['a team folder', 'development/team-alpha'],
    ])(
      'writes, creates and deletes nothing outside the clone when %s in the history is a symbolic link',
      async (_, linkPath) => {
        const path = mockDir.resolve('gitops');
        const repository = await GitRepository.open({ path });
        const outside = mockDir.resolve('outside');
        fs.mkdirSync(join(outside, 'team-alpha/storefront'), {
          recursive: true,
        });
        fs.writeFileSync(join(outside, 'team-alpha/storefront/keep'), 'k');
        fs.writeFileSync(join(outside, 'storefront-keep'), 'k');
        fs.mkdirSync(join(path, linkPath, '..'), { recursive: true });
        const target =
          linkPath === 'development' ? outside : join(outside, 'team-alpha');
        fs.symlinkSync(target, join(path, linkPath));
        commitAll(path, 'Link a folder');
        const before = snapshot(outside);

        for (const directory of [
          'development/team-alpha/storefront',
          'development/team-alpha/new-service',
        ]) {
          for (const change of [
            () => ({ 'a.yaml': 'a: 1\n' }),
            () => undefined,
          ]) {
            await expect(
              repository.changeDirectory({
                directory,
                message: 'Escape',
                change,
              }),
            ).rejects.toMatchObject({
              name: 'InputError',
              message: expect.stringContaining(
                `${linkPath} is a symbolic link`,
              ),
            });
          }
        }
        expect(snapshot(outside)).toEqual(before);
        // Other paths keep working.
        await expect(
          repository.changeDirectory({
            directory: 'staging/team-alpha/storefront',
            message: 'Add storefront',
            change: () => ({ 'a.yaml': 'a: 1\n' }),
          }),
        ).resolves.toMatchObject({ changed: true });
      },
    );

    it('refuses a path through a file of the repository', async () => {
      const path = mockDir.resolve('gitops');
      const repository = await GitRepository.open({ path });
      fs.writeFileSync(join(path, 'development'), 'not a folder');
      await expect(
        repository.changeDirectory({
          directory: 'development/team-alpha/storefront',
          message: 'Add',
          change: () => ({ 'a.yaml': 'a: 1\n' }),
        }),
      ).rejects.toThrow('development is a file in the repository');
    });

    it('serializes concurrent changes', async () => {
      const path = mockDir.resolve('gitops');
      // Two handles on one directory, as two provisioners would have.
      const [one, two] = await Promise.all([
        GitRepository.open({ path }),
        GitRepository.open({ path }),
      ]);
      const names = Array.from({ length: 8 }, (_, i) => `app-${i}`);

      await Promise.all(
        names.map((name, i) =>
          (i % 2 ? one : two).changeDirectory({
            directory: `development/team-alpha/${name}`,
            message: `Add ${name}`,
            change: () => ({ 'deployment.yaml': `name: ${name}\n` }),
          }),
        ),
      );

      expect(commitCount(path)).toBe(1 + names.length);
      expect(gitCli(path, 'status', '--porcelain')).toBe('');
      for (const name of names) {
        expect(
          gitCli(
            path,
            'show',
            `HEAD:development/team-alpha/${name}/deployment.yaml`,
          ),
        ).toBe(`name: ${name}`);
      }
    });
  });

  describe('with a remote', () => {
    let server: Awaited<ReturnType<typeof startGitServer>>;

    beforeEach(async () => {
      execFileSync('git', [
        'init',
        '--bare',
        '--quiet',
        '--initial-branch=main',
        mockDir.resolve('server/manifests.git'),
      ]);
      server = await startGitServer({
        root: mockDir.resolve('server'),
        username: 'platform-bot',
        password: 'secret-token',
      });
    });

    afterEach(() => server.close());

    function remote(workdir: string, token = 'secret-token') {
      return {
        url: server.url('manifests.git'),
        branch: 'main',
        username: 'platform-bot',
        token,
        workdir: mockDir.resolve(workdir),
      };
    }

    it('starts an empty remote, pushes changes and picks up those of others', async () => {
      const bare = mockDir.resolve('server/manifests.git');
      const one = await GitRepository.open(remote('replica-one'));
      const two = await GitRepository.open(remote('replica-two'));
      expect(one.location).toBe(server.url('manifests.git'));

      const first = await one.changeDirectory({
        directory: 'development/team-alpha/storefront',
        message: 'Add storefront',
        change: () => ({ 'deployment.yaml': 'replicas: 2\n' }),
      });
      expect(gitCli(bare, 'rev-parse', 'main')).toBe(first.commit);
      expect(commitCount(bare, 'main')).toBe(2);

      const second = await two.changeDirectory({
        directory: 'development/team-alpha/api',
        message: 'Add api',
        change: () => ({ 'httproute.yaml': 'kind: HTTPRoute\n' }),
      });
      expect(gitCli(bare, 'rev-parse', 'main')).toBe(second.commit);
      expect(gitCli(bare, 'rev-parse', 'main~1')).toBe(first.commit);

      await expect(
        one.readDirectory('development/team-alpha/api'),
      ).resolves.toEqual({
        commit: second.commit,
        files: { 'httproute.yaml': 'kind: HTTPRoute\n' },
      });

      const unchanged = await one.changeDirectory({
        directory: 'development/team-alpha/storefront',
        message: 'Add storefront again',
        change: () => ({ 'deployment.yaml': 'replicas: 2\n' }),
      });
      expect(unchanged).toEqual({ commit: second.commit, changed: false });
      expect(commitCount(bare, 'main')).toBe(3);
    });

    it('refuses to write through a symbolic link that the remote history holds', async () => {
      const outside = mockDir.resolve('outside');
      fs.mkdirSync(outside);
      const author = mockDir.resolve('author');
      execFileSync('git', [
        'clone',
        '--quiet',
        mockDir.resolve('server/manifests.git'),
        author,
      ]);
      fs.symlinkSync(outside, join(author, 'production'));
      commitAll(author, 'Link a folder');
      gitCli(author, 'push', '--quiet', 'origin', 'HEAD:main');

      const replica = await GitRepository.open(remote('replica'));
      await expect(
        replica.changeDirectory({
          directory: 'production/team-alpha/storefront',
          message: 'Escape',
          change: () => ({ 'a.yaml': 'a: 1\n' }),
        }),
      ).rejects.toThrow('production is a symbolic link');
      expect(fs.readdirSync(outside)).toEqual([]);
    });

    it('lands every change when replicas push at the same time', async () => {
      const bare = mockDir.resolve('server/manifests.git');
      const replicas = await Promise.all([
        GitRepository.open(remote('replica-one')),
        GitRepository.open(remote('replica-two')),
      ]);
      // Start the branch first, so the replicas race on a branch that exists.
      await replicas[0].changeDirectory({
        directory: 'development/team-alpha/first',
        message: 'Add first',
        change: () => ({ 'deployment.yaml': 'first\n' }),
      });
      const names = ['one', 'two', 'three', 'four'];

      await Promise.all(
        names.map((name, i) =>
          replicas[i % 2].changeDirectory({
            directory: `development/team-alpha/${name}`,
            message: `Add ${name}`,
            change: () => ({ 'deployment.yaml': `${name}\n` }),
          }),
        ),
      );

      expect(commitCount(bare, 'main')).toBe(2 + names.length);
      for (const name of names) {
        expect(
          gitCli(
            bare,
            'show',
            `main:development/team-alpha/${name}/deployment.yaml`,
          ),
        ).toBe(name);
      }
    });

    it('fails when the remote refuses the credentials', async () => {
      const repository = await GitRepository.open(
        remote('replica-one', 'wrong-token'),
      );
      await expect(
        repository.changeDirectory({
          directory: 'development/team-alpha/storefront',
          message: 'Add storefront',
          change: () => ({ 'deployment.yaml': 'replicas: 2\n' }),
        }),
      ).rejects.toThrow(/401/);
    });
  });
});
