import { Offering } from '@idp-kit/plugin-platform-common';

/** A Deployment and a Service, with an HTTPRoute in front. */
export const webApplicationOffering: Offering = {
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
};
