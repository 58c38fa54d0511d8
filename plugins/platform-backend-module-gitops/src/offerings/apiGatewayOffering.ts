import { Offering } from '@idp-kit/plugin-platform-common';

/**
 * A gateway route to a web application. It names its upstream explicitly:
 * the dependency is a reference to a real resource, not only a label.
 */
export const apiGatewayOffering: Offering = {
  id: 'api-gateway',
  name: 'API Gateway',
  description: 'Managed API gateway with rate limiting and authentication',
  type: 'networking',
  version: '2.0',
  ownerTeam: 'platform-team',
  tier: 'standard',
  documentationUrl: 'https://docs.company.com/platform/api-gateway',
  dependencies: ['web-application'],
  configurations: [
    {
      name: 'upstream',
      type: 'string',
      description:
        'Name of the web application, of the same team and environment, that the gateway routes to',
      resourceRef: 'web-application',
    },
    {
      name: 'rate_limit',
      type: 'integer',
      description: 'Requests per minute',
      default: 1000,
      min: 1,
    },
    {
      name: 'authentication',
      type: 'string',
      description: 'How callers authenticate',
      default: 'oauth2',
      options: ['none', 'api_key', 'oauth2', 'oidc'],
    },
  ],
};
