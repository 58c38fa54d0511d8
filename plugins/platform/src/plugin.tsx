import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { platformApiRef } from './api/PlatformApi';
import { PlatformClient } from './api/PlatformClient';
import {
  approvalsRouteRef,
  createResourceRouteRef,
  healthRouteRef,
  resourceRouteRef,
  resourcesRouteRef,
  rootRouteRef,
} from './routes';

const platformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
});

// One page with its own header and section tabs, so that /platform itself
// stays the service catalog rather than redirecting to a first tab.
const platformPage = PageBlueprint.make({
  params: {
    path: '/platform',
    title: 'Platform',
    icon: <CloudQueueIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/PlatformPage').then(m => <m.PlatformPage />),
  },
});

const resourceStatusCard = EntityCardBlueprint.make({
  name: 'resource-status',
  params: {
    filter: { kind: 'resource' },
    loader: () =>
      import('./components/ResourceStatusCard').then(m => (
        <m.ResourceStatusCard />
      )),
  },
});

const teamResourcesCard = EntityCardBlueprint.make({
  name: 'team-resources',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamResourcesCard').then(m => (
        <m.TeamResourcesCard />
      )),
  },
});

const usedResourcesCard = EntityCardBlueprint.make({
  name: 'used-resources',
  params: {
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./components/UsedResourcesCard').then(m => (
        <m.UsedResourcesCard />
      )),
  },
});

/**
 * The self-service platform: service catalog, resources, approvals and
 * platform health, with cards on Resource, Group, Component and System
 * entity pages.
 *
 * @public
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    createResource: createResourceRouteRef,
    resources: resourcesRouteRef,
    resource: resourceRouteRef,
    approvals: approvalsRouteRef,
    health: healthRouteRef,
  },
  extensions: [
    platformApi,
    platformPage,
    resourceStatusCard,
    teamResourcesCard,
    usedResourcesCard,
  ],
});
