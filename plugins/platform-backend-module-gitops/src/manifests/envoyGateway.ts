import { InputError } from '@backstage/errors';
import { Fields } from './findObject';
import { IdentityProviderOptions, KubernetesObject } from './types';

/**
 * API group and version of Envoy Gateway's policy resources
 * (https://gateway.envoyproxy.io/docs/api/extension_types/).
 */
export const ENVOY_GATEWAY_API_VERSION = 'gateway.envoyproxy.io/v1alpha1';

/** How callers of an API gateway authenticate, as the offering names it. */
export type Authentication = 'none' | 'api_key' | 'oauth2' | 'oidc';

const AUTHENTICATIONS: Authentication[] = ['none', 'api_key', 'oauth2', 'oidc'];

/** Header that carries API keys. */
export const API_KEY_HEADER = 'x-api-key';

type Metadata = KubernetesObject['metadata'];

function targetRoute(routeName: string) {
  return [
    { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: routeName },
  ];
}

/**
 * A `BackendTrafficPolicy` limiting a route to a number of requests per
 * minute.
 *
 * The limit is global, shared by all Envoy replicas, so that it means what
 * the offering promises whatever the size of the gateway; Envoy Gateway
 * needs its rate limit service for that.
 */
export function rateLimitPolicy(
  metadata: Metadata,
  routeName: string,
  requestsPerMinute: unknown,
): KubernetesObject {
  if (
    typeof requestsPerMinute !== 'number' ||
    !Number.isInteger(requestsPerMinute) ||
    requestsPerMinute < 1
  ) {
    throw new InputError(
      `rate_limit must be a whole number of requests per minute of at least 1, not ${JSON.stringify(
        requestsPerMinute,
      )}`,
    );
  }
  return {
    apiVersion: ENVOY_GATEWAY_API_VERSION,
    kind: 'BackendTrafficPolicy',
    metadata: { ...metadata, name: `${routeName}-rate-limit` },
    spec: {
      targetRefs: targetRoute(routeName),
      rateLimit: {
        type: 'Global',
        global: {
          rules: [{ limit: { requests: requestsPerMinute, unit: 'Minute' } }],
        },
      },
    },
  };
}

function authenticationSpec(
  routeName: string,
  authentication: Exclude<Authentication, 'none'>,
  identityProvider: IdentityProviderOptions | undefined,
): Record<string, unknown> {
  if (authentication === 'api_key') {
    return {
      apiKeyAuth: {
        // Keys live in a Secret the team manages: one key per client id.
        credentialRefs: [
          { group: '', kind: 'Secret', name: `${routeName}-api-keys` },
        ],
        extractFrom: [{ headers: [API_KEY_HEADER] }],
      },
    };
  }
  if (authentication === 'oauth2') {
    if (!identityProvider?.jwksUri) {
      throw new InputError(
        "Authentication 'oauth2' needs platform.gitops.identityProvider.issuer and jwksUri to be configured",
      );
    }
    return {
      jwt: {
        providers: [
          {
            name: 'platform',
            issuer: identityProvider.issuer,
            remoteJWKS: { uri: identityProvider.jwksUri },
          },
        ],
      },
    };
  }
  if (!identityProvider?.clientId) {
    throw new InputError(
      "Authentication 'oidc' needs platform.gitops.identityProvider.issuer and clientId to be configured",
    );
  }
  return {
    oidc: {
      provider: { issuer: identityProvider.issuer },
      clientID: identityProvider.clientId,
      clientSecret: {
        group: '',
        kind: 'Secret',
        name: identityProvider.clientSecretName,
      },
    },
  };
}

/**
 * A `SecurityPolicy` requiring callers of a route to authenticate, or
 * undefined for `none`.
 *
 * `api_key` checks the `x-api-key` header against a Secret named
 * `<route>-api-keys`; `oauth2` validates bearer tokens (JWTs) of the
 * configured identity provider; `oidc` signs users in with it.
 *
 * @throws InputError for an unknown method, or one whose identity provider
 * settings are not configured
 */
export function authenticationPolicy(
  metadata: Metadata,
  routeName: string,
  authentication: unknown,
  identityProvider: IdentityProviderOptions | undefined,
): KubernetesObject | undefined {
  if (!AUTHENTICATIONS.includes(authentication as Authentication)) {
    throw new InputError(
      `authentication must be one of ${AUTHENTICATIONS.join(
        ', ',
      )}, not ${JSON.stringify(authentication)}`,
    );
  }
  if (authentication === 'none') {
    return undefined;
  }
  return {
    apiVersion: ENVOY_GATEWAY_API_VERSION,
    kind: 'SecurityPolicy',
    metadata: { ...metadata, name: `${routeName}-authentication` },
    spec: {
      targetRefs: targetRoute(routeName),
      ...authenticationSpec(
        routeName,
        authentication as Exclude<Authentication, 'none'>,
        identityProvider,
      ),
    },
  };
}

const PER_MINUTE: Record<string, number> = {
  Second: 60,
  Minute: 1,
  Hour: 1 / 60,
  Day: 1 / 1440,
};

/**
 * The requests per minute a `BackendTrafficPolicy` allows, if it sets a
 * limit; a limit edited to another unit is converted, so it shows as drift.
 */
export function readRateLimit(policy: Fields): number | undefined {
  const rateLimit = policy.spec?.rateLimit;
  const rules: any[] =
    rateLimit?.global?.rules ?? rateLimit?.local?.rules ?? [];
  const limit = rules[0]?.limit;
  const factor = PER_MINUTE[limit?.unit];
  if (factor === undefined || typeof limit.requests !== 'number') {
    return undefined;
  }
  return limit.requests * factor;
}

/** The authentication method a `SecurityPolicy` sets up, or `none` without one. */
export function readAuthentication(policy: Fields | undefined): Authentication {
  const spec = policy?.spec ?? {};
  if (spec.apiKeyAuth) {
    return 'api_key';
  }
  if (spec.jwt) {
    return 'oauth2';
  }
  if (spec.oidc) {
    return 'oidc';
  }
  return 'none';
}
