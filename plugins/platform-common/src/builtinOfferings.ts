import { Offering } from './types';

/**
 * The offerings of the GitOps and PostgreSQL modules that come with the
 * platform, as sample data.
 *
 * The modules contribute these themselves, each with its provisioner. The
 * platform backend lists one of them on its own only while no module
 * contributes its id, so that a module serving it with the deprecated
 * `addProvisioner` keeps working.
 *
 * @public
 * @deprecated Each offering comes from the backend module that serves it
 * (`platformOfferingsExtensionPoint`'s `addOffering`); use this only as
 * sample data.
 */
export const builtinOfferings: Offering[] = [
  {
    id: 'web-application',
    name: 'Web Application',
    description: 'Standard web application with Kubernetes deployment',
    type: 'compute',
    version: '1.0',
    ownerTeam: 'platform-team',
    tier: 'standard',
    documentationUrl: 'https://docs.company.com/platform/web-app',
    dependencies: [],
    configurations: [
      {
        name: 'replicas',
        type: 'integer',
        description: 'Number of pods',
        default: 2,
        min: 1,
        max: 10,
      },
      {
        name: 'cpu',
        type: 'string',
        description: 'CPU request per pod',
        default: '500m',
        options: ['250m', '500m', '1000m', '2000m'],
      },
      {
        name: 'memory',
        type: 'string',
        description: 'Memory request per pod',
        default: '512Mi',
        options: ['256Mi', '512Mi', '1Gi', '2Gi', '4Gi'],
      },
    ],
  },
  {
    id: 'postgresql-database',
    name: 'PostgreSQL Database',
    description: 'Managed PostgreSQL database with automatic backups',
    type: 'database',
    version: '13',
    ownerTeam: 'platform-team',
    tier: 'standard',
    documentationUrl: 'https://docs.company.com/platform/postgresql',
    dependencies: [],
    configurations: [
      {
        name: 'size',
        type: 'string',
        description: 'Instance size',
        default: 'small',
        options: ['small', 'medium', 'large'],
      },
      {
        name: 'high_availability',
        type: 'boolean',
        description: 'Run a standby replica',
        default: false,
      },
      {
        name: 'backup_retention_days',
        type: 'integer',
        description: 'Days to keep backups',
        default: 7,
        min: 1,
        max: 35,
      },
    ],
  },
  {
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
  },
];
