import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { ProvisionerContext } from '@idp-kit/plugin-platform-node';
import { parse } from 'yaml';
import { GitOpsProvisioner } from './GitOpsProvisioner';
import { apiGateway, webApplication } from './__testUtils__/resources';

function gitCli(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Operator',
      GIT_AUTHOR_EMAIL: 'operator@example.com',
      GIT_COMMITTER_NAME: 'Operator',
      GIT_COMMITTER_EMAIL: 'operator@example.com',
    },
  })
    .toString()
    .trim();
}

describe('GitOpsProvisioner', () => {
  const mockDir = createMockDirectory();
  let repositoryPath: string;
  let provisioner: GitOpsProvisioner;
  let events: string[];

  beforeEach(() => {
    mockDir.clear();
    repositoryPath = mockDir.resolve('gitops');
    provisioner = GitOpsProvisioner.fromConfig(
      new ConfigReader({
        platform: {
          gitops: {
            repository: { path: repositoryPath },
            identityProvider: {
              issuer: 'https://login.example.com',
              jwksUri: 'https://login.example.com/.well-known/jwks.json',
            },
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    events = [];
  });

  function context(
    resource: PlatformResource,
    signal = new AbortController().signal,
  ): ProvisionerContext {
    return {
      resource,
      secrets: {},
      signal,
      logger: mockServices.logger.mock(),
      appendEvent: async message => {
        events.push(message);
      },
    };
  }

  function commitCount(): number {
    return Number(gitCli(repositoryPath, 'rev-list', '--count', 'HEAD'));
  }

  /** Clones the repository, as Argo CD or Flux would, and reads a resource's objects. */
  function cloneAndRead(directory: string): Record<string, any> {
    const clone = mockDir.resolve(
      `clone-${Math.random().toString(36).slice(2)}`,
    );
    execFileSync('git', ['clone', '--quiet', repositoryPath, clone], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const objects: Record<string, any> = {};
    const path = join(clone, directory);
    if (!fs.existsSync(path)) {
      return objects;
    }
    for (const file of fs.readdirSync(path)) {
      const object = parse(fs.readFileSync(join(path, file), 'utf8'));
      objects[object.kind] = object;
    }
    return objects;
  }

  it('handles web applications and API gateways', () => {
    expect(provisioner.offerings).toEqual(['web-application', 'api-gateway']);
  });

  it('commits the manifests of a web application and an API gateway', async () => {
    const app = webApplication();
    const gateway = apiGateway();

    const appResult = await provisioner.provision(context(app));
    const gatewayResult = await provisioner.provision(context(gateway));

    const head = gitCli(repositoryPath, 'rev-parse', 'HEAD');
    expect(appResult.outputs).toEqual({
      repository: repositoryPath,
      path: 'development/team-alpha/storefront',
      commit: gitCli(repositoryPath, 'rev-parse', 'HEAD~1'),
      namespace: 'team-alpha-development',
      serviceUrl: 'http://storefront.team-alpha-development.svc.cluster.local',
    });
    expect(gatewayResult.outputs).toEqual({
      repository: repositoryPath,
      path: 'development/team-alpha/storefront-api',
      commit: head,
      namespace: 'team-alpha-development',
      route: 'storefront-api',
      routePath: '/development/team-alpha/storefront-api',
    });
    expect(events).toEqual([
      `Committed ${
        appResult.outputs!.commit
      } to development/team-alpha/storefront`,
      `Committed ${head} to development/team-alpha/storefront-api`,
    ]);
    expect(gitCli(repositoryPath, 'log', '--format=%an <%ae>|%s')).toBe(
      [
        `Backstage Platform <platform@backstage.local>|Provision api-gateway team-alpha/development/storefront-api (resource ${gateway.id})`,
        `Backstage Platform <platform@backstage.local>|Provision web-application team-alpha/development/storefront (resource ${app.id})`,
        'Backstage Platform <platform@backstage.local>|Start the platform manifests repository',
      ].join('\n'),
    );

    const web = cloneAndRead('development/team-alpha/storefront');
    expect(Object.keys(web).sort()).toEqual([
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
    ]);
    for (const object of Object.values(web)) {
      expect(object.metadata.namespace).toBe('team-alpha-development');
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'storefront',
        'app.kubernetes.io/managed-by': 'backstage-platform',
        'platform.backstage.io/resource-id': app.id,
      });
    }
    const [container] = web.Deployment.spec.template.spec.containers;
    expect(container.resources.requests).toEqual({
      cpu: '500m',
      memory: '1Gi',
    });
    expect(web.HorizontalPodAutoscaler.spec.minReplicas).toBe(3);
    expect(web.HorizontalPodAutoscaler.spec.maxReplicas).toBe(6);
    expect(web.PodDisruptionBudget.spec.maxUnavailable).toBe(1);
    expect(web.Service.spec.ports[0].port).toBe(80);

    const api = cloneAndRead('development/team-alpha/storefront-api');
    expect(Object.keys(api).sort()).toEqual([
      'BackendTrafficPolicy',
      'HTTPRoute',
      'SecurityPolicy',
    ]);
    expect(api.HTTPRoute.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: web.Service.metadata.name, port: 80 },
    ]);
    expect(api.HTTPRoute.metadata.namespace).toBe(
      web.Service.metadata.namespace,
    );
    expect(api.HTTPRoute.spec.parentRefs[0]).toMatchObject({
      name: 'platform-gateway',
      namespace: 'gateway-system',
    });
    expect(api.BackendTrafficPolicy.spec.rateLimit.global.rules).toEqual([
      { limit: { requests: 1000, unit: 'Minute' } },
    ]);
    expect(api.SecurityPolicy.spec.jwt.providers[0].remoteJWKS.uri).toBe(
      'https://login.example.com/.well-known/jwks.json',
    );
    expect(api.SecurityPolicy.spec.targetRefs[0].name).toBe('storefront-api');
  });

  it('makes no second commit for the same manifests', async () => {
    const first = await provisioner.provision(context(webApplication()));
    const count = commitCount();

    const second = await provisioner.provision(context(webApplication()));

    expect(commitCount()).toBe(count);
    expect(second.outputs!.commit).toBe(first.outputs!.commit);
    expect(events[1]).toBe(
      `No change to development/team-alpha/storefront: ${
        first.outputs!.commit
      } already holds it`,
    );
  });

  it('rewrites the manifests of an update in a new commit', async () => {
    const app = webApplication();
    await provisioner.provision(context(app));
    const count = commitCount();

    const updated = {
      ...app,
      config: { replicas: 5, cpu: '1000m', memory: '2Gi' },
    };
    const result = await provisioner.update(context(updated));

    expect(commitCount()).toBe(count + 1);
    expect(result.outputs!.commit).toBe(
      gitCli(repositoryPath, 'rev-parse', 'HEAD'),
    );
    expect(gitCli(repositoryPath, 'log', '-1', '--format=%s')).toBe(
      `Update web-application team-alpha/development/storefront (resource ${app.id})`,
    );
    const web = cloneAndRead('development/team-alpha/storefront');
    expect(web.HorizontalPodAutoscaler.spec.minReplicas).toBe(5);
    expect(
      web.Deployment.spec.template.spec.containers[0].resources.requests,
    ).toEqual({
      cpu: '1000m',
      memory: '2Gi',
    });
  });

  it('drops the SecurityPolicy when authentication is turned off', async () => {
    const gateway = apiGateway();
    await provisioner.provision(context(gateway));

    await provisioner.update(
      context({
        ...gateway,
        config: { ...gateway.config, authentication: 'none' },
      }),
    );

    expect(
      Object.keys(cloneAndRead('development/team-alpha/storefront-api')).sort(),
    ).toEqual(['BackendTrafficPolicy', 'HTTPRoute']);
  });

  it('removes the manifests in a commit, and succeeds when they are gone', async () => {
    const app = webApplication();
    await provisioner.provision(context(app));
    const count = commitCount();

    await provisioner.deprovision(context(app));

    expect(commitCount()).toBe(count + 1);
    expect(gitCli(repositoryPath, 'log', '-1', '--format=%s')).toBe(
      `Deprovision web-application team-alpha/development/storefront (resource ${app.id})`,
    );
    expect(cloneAndRead('development/team-alpha/storefront')).toEqual({});
    expect(events[1]).toBe(
      `Committed ${gitCli(
        repositoryPath,
        'rev-parse',
        'HEAD',
      )} to development/team-alpha/storefront`,
    );

    await provisioner.deprovision(context(app));
    expect(commitCount()).toBe(count + 1);
  });

  it('leaves in place the manifests of another resource of the same name', async () => {
    const current = webApplication({ id: 'current-resource' });
    await provisioner.provision(context(current));
    const count = commitCount();

    await provisioner.deprovision(
      context(webApplication({ id: 'earlier-resource' })),
    );

    expect(commitCount()).toBe(count);
    expect(
      Object.keys(cloneAndRead('development/team-alpha/storefront')),
    ).toHaveLength(4);
    expect(events).toContain(
      'Left development/team-alpha/storefront in place: it holds the manifests of another resource',
    );
  });

  describe('getStatus', () => {
    it('reads the configuration back from the committed manifests', async () => {
      const app = webApplication();
      const gateway = apiGateway();
      await provisioner.provision(context(app));
      await provisioner.provision(context(gateway));

      await expect(provisioner.getStatus(context(app))).resolves.toEqual({
        healthy: true,
        message: expect.stringMatching(/^Manifests committed at [0-9a-f]{40}$/),
        actualConfig: app.config,
      });
      await expect(
        provisioner.getStatus(context(gateway)),
      ).resolves.toMatchObject({
        healthy: true,
        actualConfig: gateway.config,
      });
    });

    it('shows changes made in the repository as actual configuration', async () => {
      const app = webApplication();
      await provisioner.provision(context(app));
      const file = join(
        repositoryPath,
        'development/team-alpha/storefront/horizontalpodautoscaler.yaml',
      );
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, 'utf8')
          .replace('minReplicas: 3', 'minReplicas: 7'),
      );
      gitCli(repositoryPath, 'commit', '--quiet', '-am', 'Scale by hand');

      await expect(provisioner.getStatus(context(app))).resolves.toMatchObject({
        healthy: true,
        actualConfig: { ...app.config, replicas: 7 },
      });
    });

    it('is unhealthy when the manifests belong to another resource', async () => {
      await provisioner.provision(
        context(webApplication({ id: 'current-resource' })),
      );
      await expect(
        provisioner.getStatus(
          context(webApplication({ id: 'earlier-resource' })),
        ),
      ).resolves.toEqual({
        healthy: false,
        message:
          'The manifests at development/team-alpha/storefront belong to resource current-resource',
      });
    });

    it('is unhealthy without manifests', async () => {
      await expect(
        provisioner.getStatus(context(webApplication())),
      ).resolves.toEqual({
        healthy: false,
        message: `No manifests at development/team-alpha/storefront in ${repositoryPath}`,
      });
    });

    it('is unhealthy when a manifest is missing or broken', async () => {
      const app = webApplication();
      await provisioner.provision(context(app));
      const directory = join(
        repositoryPath,
        'development/team-alpha/storefront',
      );

      gitCli(
        repositoryPath,
        'rm',
        '--quiet',
        'development/team-alpha/storefront/service.yaml',
      );
      gitCli(repositoryPath, 'commit', '--quiet', '-m', 'Remove the service');
      await expect(provisioner.getStatus(context(app))).resolves.toEqual({
        healthy: false,
        message: 'Missing from development/team-alpha/storefront: service.yaml',
      });

      await provisioner.provision(context(app));
      fs.writeFileSync(join(directory, 'deployment.yaml'), 'kind: [Deployment');
      gitCli(
        repositoryPath,
        'commit',
        '--quiet',
        '-am',
        'Break the deployment',
      );
      await expect(provisioner.getStatus(context(app))).resolves.toEqual({
        healthy: false,
        message: expect.stringMatching(
          /^development\/team-alpha\/storefront: deployment\.yaml is not valid YAML/,
        ),
      });
    });
  });

  describe('refuses', () => {
    const hostile = [
      ['..', '..'],
      ['a slash', 'a/b'],
      ['a NUL byte', 'a\0b'],
      ['10 kB', 'a'.repeat(10_000)],
      ['a Unicode look-alike', 'storefrоnt'],
      ['an empty string', ''],
    ];

    it.each(hostile)(
      'names with %s, touching no repository',
      async (_, value) => {
        for (const field of ['name', 'team', 'environment']) {
          const resource = webApplication({ [field]: value });
          for (const method of [
            'provision',
            'update',
            'deprovision',
            'getStatus',
          ] as const) {
            await expect(
              provisioner[method](context(resource)),
            ).rejects.toMatchObject({ name: 'InputError' });
          }
        }
        // Names are checked before the repository is even opened.
        expect(fs.existsSync(repositoryPath)).toBe(false);
      },
    );

    it('an invalid configuration, committing nothing', async () => {
      await provisioner.provision(context(webApplication({ name: 'other' })));
      const count = commitCount();
      const app = webApplication();

      await expect(
        provisioner.provision(
          context({ ...app, config: { ...app.config, cpu: 'lots' } }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('Deployment is invalid'),
      });
      expect(commitCount()).toBe(count);
    });

    it('offerings it does not handle', async () => {
      await expect(
        provisioner.provision(
          context({ ...webApplication(), offering: 'postgresql-database' }),
        ),
      ).rejects.toMatchObject({ name: 'NotImplementedError' });
    });

    it('to work after the attempt was aborted', async () => {
      await provisioner.provision(context(webApplication({ name: 'other' })));
      const count = commitCount();
      const controller = new AbortController();
      controller.abort(new Error('timed out'));

      await expect(
        provisioner.provision(context(webApplication(), controller.signal)),
      ).rejects.toThrow('timed out');
      expect(commitCount()).toBe(count);
    });
  });
});
