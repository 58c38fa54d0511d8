import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { checkResourceNames, dnsLabel } from '../resourcePath';
import {
  authenticationPolicy,
  rateLimitPolicy,
  readAuthentication,
  readRateLimit,
} from './envoyGateway';
import { findObject } from './findObject';
import { namespaceFor, resourceLabels } from './labels';
import { withDefaults } from './offeringDefaults';
import { KubernetesObject, OfferingManifests, RenderOptions } from './types';
import { validated } from './validated';

const OFFERING = 'api-gateway';
/** The port every web application's Service listens on. */
const UPSTREAM_PORT = 80;

/**
 * The path under which the gateway serves a resource: its repository path,
 * which is unique, so routes of different teams never collide on one Gateway.
 */
export function routePathFor(resource: PlatformResource): string {
  return `/${resource.environment}/${resource.team}/${resource.name}`;
}

/**
 * Renders an API gateway as a Gateway API HTTPRoute to its upstream web
 * application's Service, an Envoy Gateway `BackendTrafficPolicy` for the
 * rate limit and, unless authentication is `none`, a `SecurityPolicy`.
 *
 * @throws InputError when a name is not a DNS label, the rate limit or the
 * authentication method is invalid, or the route fails its schema
 * @public
 */
export function renderApiGateway(
  resource: PlatformResource,
  options: RenderOptions,
): KubernetesObject[] {
  checkResourceNames(resource);
  const config = withDefaults(OFFERING, resource.config);
  // The upstream web application's Service is named after that resource.
  const upstream = dnsLabel('upstream', config.upstream);
  const metadata = {
    name: resource.name,
    namespace: namespaceFor(resource.team, resource.environment),
    labels: resourceLabels(resource),
  };

  const route = new HTTPRoute({
    metadata,
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: options.gatewayName,
          namespace: options.gatewayNamespace,
        },
      ],
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: routePathFor(resource) } },
          ],
          // The application serves from its root, as it would without a gateway.
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: {
                path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
              },
            },
          ],
          backendRefs: [
            { group: '', kind: 'Service', name: upstream, port: UPSTREAM_PORT },
          ],
        },
      ],
    },
  });

  const objects = [
    validated(route),
    rateLimitPolicy(metadata, resource.name, config.rate_limit),
  ];
  const security = authenticationPolicy(
    metadata,
    resource.name,
    config.authentication,
    options.identityProvider,
  );
  if (security) {
    objects.push(security);
  }
  return objects;
}

/**
 * Reads upstream, rate limit and authentication back from an API gateway's
 * objects.
 *
 * @throws NotFoundError when the route or the rate limit policy is missing
 */
export function readApiGatewayConfig(
  objects: KubernetesObject[],
): Record<string, unknown> {
  const route = findObject(objects, 'HTTPRoute');
  const rateLimit = findObject(objects, 'BackendTrafficPolicy');
  const security = objects.find(object => object.kind === 'SecurityPolicy');
  const config: Record<string, unknown> = {
    authentication: readAuthentication(security),
  };
  const upstream = route.spec?.rules?.[0]?.backendRefs?.[0]?.name;
  if (typeof upstream === 'string') {
    config.upstream = upstream;
  }
  const requestsPerMinute = readRateLimit(rateLimit);
  if (requestsPerMinute !== undefined) {
    config.rate_limit = requestsPerMinute;
  }
  return config;
}

/** The route's name and the path the gateway serves it under. */
export function apiGatewayOutputs(
  resource: PlatformResource,
): Record<string, unknown> {
  return { route: resource.name, routePath: routePathFor(resource) };
}

/**
 * Manifests of the `api-gateway` offering.
 *
 * @public
 */
export const apiGatewayManifests: OfferingManifests = {
  render: renderApiGateway,
  readConfig: readApiGatewayConfig,
  outputs: apiGatewayOutputs,
};
