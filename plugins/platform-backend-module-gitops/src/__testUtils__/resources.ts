import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { RenderOptions } from '../manifests/types';

export const renderOptions: RenderOptions = {
  gatewayName: 'platform-gateway',
  gatewayNamespace: 'gateway-system',
  image: 'nginxinc/nginx-unprivileged:1.27-alpine',
  identityProvider: {
    issuer: 'https://login.example.com',
    jwksUri: 'https://login.example.com/.well-known/jwks.json',
    clientId: 'platform-gateway',
    clientSecretName: 'platform-oidc-client',
  },
};

function resource(
  fields: Partial<PlatformResource> &
    Pick<PlatformResource, 'id' | 'offering' | 'name' | 'config'>,
): PlatformResource {
  return {
    team: 'team-alpha',
    environment: 'development',
    state: 'provisioning',
    outputs: {},
    dependsOn: [],
    createdBy: 'user:default/alice',
    createdVia: 'portal',
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    ...fields,
  };
}

export function webApplication(
  fields: Partial<PlatformResource> = {},
): PlatformResource {
  return resource({
    id: '3f1c2a9e-7b1d-4e8a-9c55-0a1b2c3d4e5f',
    offering: 'web-application',
    name: 'storefront',
    config: { replicas: 3, cpu: '500m', memory: '1Gi' },
    ...fields,
  });
}

export function apiGateway(
  fields: Partial<PlatformResource> = {},
): PlatformResource {
  return resource({
    id: '9d8e7f60-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
    offering: 'api-gateway',
    name: 'storefront-api',
    config: {
      upstream: 'storefront',
      rate_limit: 1000,
      authentication: 'oauth2',
    },
    dependsOn: ['3f1c2a9e-7b1d-4e8a-9c55-0a1b2c3d4e5f'],
    ...fields,
  });
}
