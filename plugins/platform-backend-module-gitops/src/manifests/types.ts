import { PlatformResource } from '@idp-kit/plugin-platform-common';

/**
 * A Kubernetes object as written to the repository.
 *
 * @public
 */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/**
 * The identity provider that API gateways with `oauth2` or `oidc`
 * authentication check callers against.
 *
 * @public
 */
export interface IdentityProviderOptions {
  /** Issuer URL of the provider. */
  issuer: string;
  /** Where the keys that sign access tokens are published; needed for `oauth2`. */
  jwksUri?: string;
  /** OAuth client of the gateway; needed for `oidc`. */
  clientId?: string;
  /**
   * Secret, in each team namespace, whose `client-secret` key holds the OAuth
   * client secret; needed for `oidc`.
   */
  clientSecretName: string;
}

/**
 * Settings that rendering takes from configuration rather than the resource.
 *
 * @public
 */
export interface RenderOptions {
  /** Gateway that HTTP routes attach to. */
  gatewayName: string;
  gatewayNamespace: string;
  /** Container image web applications run. */
  image: string;
  identityProvider?: IdentityProviderOptions;
}

/**
 * Turns resources of one offering into Kubernetes objects, and back.
 *
 * @public
 */
export interface OfferingManifests {
  /**
   * Renders the desired objects of a resource, each validated against its
   * schema where one is known.
   *
   * @throws InputError when the resource cannot be rendered into valid objects
   */
  render(
    resource: PlatformResource,
    options: RenderOptions,
  ): KubernetesObject[];
  /**
   * Reads the resource's configuration back from its objects.
   *
   * @throws NotFoundError when an object it needs is missing
   */
  readConfig(objects: KubernetesObject[]): Record<string, unknown>;
  /** Outputs specific to the offering, such as an in-cluster URL. */
  outputs(resource: PlatformResource): Record<string, unknown>;
}
