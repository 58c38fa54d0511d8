import { apiGateway, renderOptions } from '../__testUtils__/resources';
import {
  apiGatewayOutputs,
  readApiGatewayConfig,
  renderApiGateway,
} from './apiGateway';
import { fromManifestFiles, toManifestFiles } from './manifestFiles';
import { KubernetesObject } from './types';

function byKind(objects: KubernetesObject[]) {
  return Object.fromEntries(objects.map(o => [o.kind, o])) as Record<
    string,
    any
  >;
}

function gateway(config: Record<string, unknown>) {
  const resource = apiGateway();
  return { ...resource, config: { ...resource.config, ...config } };
}

describe('renderApiGateway', () => {
  it('routes to the upstream Service through the configured Gateway', () => {
    const { HTTPRoute } = byKind(renderApiGateway(apiGateway(), renderOptions));

    expect(HTTPRoute.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(HTTPRoute.metadata).toMatchObject({
      name: 'storefront-api',
      namespace: 'team-alpha-development',
      labels: {
        'app.kubernetes.io/name': 'storefront-api',
        'app.kubernetes.io/managed-by': 'backstage-platform',
        'platform.backstage.io/resource-id':
          '9d8e7f60-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
      },
    });
    expect(HTTPRoute.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'platform-gateway',
        namespace: 'gateway-system',
      },
    ]);
    const [rule] = HTTPRoute.spec.rules;
    expect(rule.matches).toEqual([
      {
        path: {
          type: 'PathPrefix',
          value: '/development/team-alpha/storefront-api',
        },
      },
    ]);
    expect(rule.backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'storefront', port: 80 },
    ]);
  });

  it('limits the route to the requests per minute', () => {
    const { BackendTrafficPolicy } = byKind(
      renderApiGateway(apiGateway(), renderOptions),
    );
    expect(BackendTrafficPolicy).toMatchObject({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      metadata: {
        name: 'storefront-api-rate-limit',
        namespace: 'team-alpha-development',
      },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'HTTPRoute',
            name: 'storefront-api',
          },
        ],
        rateLimit: {
          type: 'Global',
          global: { rules: [{ limit: { requests: 1000, unit: 'Minute' } }] },
        },
      },
    });
  });

  it.each([
    [
      'api_key',
      {
        apiKeyAuth: {
          credentialRefs: [
            { group: '', kind: 'Secret', name: 'storefront-api-api-keys' },
          ],
          extractFrom: [{ headers: ['x-api-key'] }],
        },
      },
    ],
    [
      'oauth2',
      {
        jwt: {
          providers: [
            {
              name: 'platform',
              issuer: 'https://login.example.com',
              remoteJWKS: {
                uri: 'https://login.example.com/.well-known/jwks.json',
              },
            },
          ],
        },
      },
    ],
    [
      'oidc',
      {
        oidc: {
          provider: { issuer: 'https://login.example.com' },
          clientID: 'platform-gateway',
          clientSecret: {
            group: '',
            kind: 'Secret',
            name: 'platform-oidc-client',
          },
        },
      },
    ],
  ])('secures the route with %s', (authentication, spec) => {
    const objects = renderApiGateway(
      gateway({ authentication }),
      renderOptions,
    );
    const { SecurityPolicy } = byKind(objects);

    expect(SecurityPolicy.metadata.name).toBe('storefront-api-authentication');
    expect(SecurityPolicy.spec).toEqual({
      targetRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          name: 'storefront-api',
        },
      ],
      ...spec,
    });
    expect(readApiGatewayConfig(objects).authentication).toBe(authentication);
  });

  it('renders no SecurityPolicy without authentication', () => {
    const objects = renderApiGateway(
      gateway({ authentication: 'none' }),
      renderOptions,
    );
    expect(objects.map(o => o.kind)).toEqual([
      'HTTPRoute',
      'BackendTrafficPolicy',
    ]);
    expect(readApiGatewayConfig(objects).authentication).toBe('none');
  });

  it('reads its configuration back from the YAML files', () => {
    const files = toManifestFiles(
      renderApiGateway(apiGateway(), renderOptions),
    );
    expect(Object.keys(files)).toEqual([
      'httproute.yaml',
      'backendtrafficpolicy.yaml',
      'securitypolicy.yaml',
    ]);
    expect(readApiGatewayConfig(fromManifestFiles(files))).toEqual({
      upstream: 'storefront',
      rate_limit: 1000,
      authentication: 'oauth2',
    });
  });

  it.each([
    [
      'an upstream that is not a name',
      { upstream: '../storefront' },
      /upstream/,
    ],
    ['a missing upstream', { upstream: undefined }, /upstream/],
    ['a rate limit of zero', { rate_limit: 0 }, /rate_limit/],
    ['a fractional rate limit', { rate_limit: 2.5 }, /rate_limit/],
    [
      'an unknown authentication',
      { authentication: 'basic' },
      /authentication must be one of/,
    ],
  ])('rejects %s', (_, config, message) => {
    expect(() => renderApiGateway(gateway(config), renderOptions)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('rejects a route the Gateway API schema does not allow', () => {
    expect(() =>
      renderApiGateway(apiGateway(), {
        ...renderOptions,
        gatewayName: 'x'.repeat(300),
      }),
    ).toThrow(/HTTPRoute is invalid/);
  });

  it('needs an identity provider for oauth2 and oidc', () => {
    const options = { ...renderOptions, identityProvider: undefined };
    for (const authentication of ['oauth2', 'oidc']) {
      expect(() =>
        renderApiGateway(gateway({ authentication }), options),
      ).toThrow(/platform\.gitops\.identityProvider/);
    }
    expect(
      renderApiGateway(gateway({ authentication: 'api_key' }), options),
    ).toHaveLength(3);
  });

  it('names its route in the outputs', () => {
    expect(apiGatewayOutputs(apiGateway())).toEqual({
      route: 'storefront-api',
      routePath: '/development/team-alpha/storefront-api',
    });
  });
});
