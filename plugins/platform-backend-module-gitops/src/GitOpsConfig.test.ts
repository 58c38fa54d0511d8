import os from 'node:os';
import { ConfigReader } from '@backstage/config';
import { readGitOpsConfig } from './GitOpsConfig';

describe('readGitOpsConfig', () => {
  it('defaults to a local repository under the working directory', () => {
    expect(readGitOpsConfig(new ConfigReader({}), '/srv/backstage')).toEqual({
      repository: { path: '/srv/backstage/data/gitops' },
      render: {
        gatewayName: 'platform-gateway',
        gatewayNamespace: 'gateway-system',
        image: 'nginxinc/nginx-unprivileged:1.27-alpine',
        identityProvider: undefined,
      },
    });
  });

  it('reads a local path relative to the working directory', () => {
    const config = new ConfigReader({
      platform: { gitops: { repository: { path: 'manifests' } } },
    });
    expect(readGitOpsConfig(config, '/srv/backstage').repository).toEqual({
      path: '/srv/backstage/manifests',
    });
  });

  it('reads a remote, cloned under the workdir or the temporary directory', () => {
    const remote = {
      url: 'https://git.example.com/platform/manifests.git',
      token: 'secret',
    };
    expect(
      readGitOpsConfig(
        new ConfigReader({ platform: { gitops: { repository: remote } } }),
        '/srv/backstage',
      ).repository,
    ).toEqual({
      ...remote,
      branch: 'main',
      username: undefined,
      workdir: os.tmpdir(),
    });

    expect(
      readGitOpsConfig(
        new ConfigReader({
          platform: {
            gitops: {
              repository: { ...remote, branch: 'clusters', username: 'bot' },
              workdir: 'cache',
            },
          },
        }),
        '/srv/backstage',
      ).repository,
    ).toEqual({
      ...remote,
      branch: 'clusters',
      username: 'bot',
      workdir: '/srv/backstage/cache',
    });
  });

  it('reads the gateway and identity provider', () => {
    const config = new ConfigReader({
      platform: {
        gitops: {
          gatewayName: 'edge',
          gatewayNamespace: 'envoy-gateway-system',
          image: 'registry.example.com/hello:1',
          identityProvider: {
            issuer: 'https://login.example.com',
            clientId: 'gateway',
          },
        },
      },
    });
    expect(readGitOpsConfig(config).render).toEqual({
      gatewayName: 'edge',
      gatewayNamespace: 'envoy-gateway-system',
      image: 'registry.example.com/hello:1',
      identityProvider: {
        issuer: 'https://login.example.com',
        jwksUri: undefined,
        clientId: 'gateway',
        clientSecretName: 'platform-oidc-client',
      },
    });
  });

  it('refuses a repository with both a path and a url', () => {
    const config = new ConfigReader({
      platform: {
        gitops: {
          repository: { path: 'a', url: 'https://git.example.com/a.git' },
        },
      },
    });
    expect(() => readGitOpsConfig(config)).toThrow(/either a path or a url/);
  });

  it('refuses a gateway namespace that is not a DNS label', () => {
    const config = new ConfigReader({
      platform: { gitops: { gatewayNamespace: '../kube-system' } },
    });
    expect(() => readGitOpsConfig(config)).toThrow(
      /platform\.gitops\.gatewayNamespace/,
    );
  });
});
