import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { platformApiRef } from './api/PlatformApi';
import { PlatformClient } from './api/PlatformClient';
import { approvalsRouteRef, resourceRouteRef, rootRouteRef } from './routes';

/**
 * The platform plugin for apps still on the legacy frontend system.
 *
 * @public
 */
export const legacyPlatformPlugin = createPlugin({
  id: 'platform',
  routes: {
    root: rootRouteRef,
    resource: resourceRouteRef,
    approvals: approvalsRouteRef,
  },
  apis: [
    createApiFactory({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Every platform page (service catalog, resources, approvals, health); mount
 * it at `/platform` in a legacy app.
 *
 * @public
 */
export const PlatformPage: () => JSX.Element = legacyPlatformPlugin.provide(
  createRoutableExtension({
    name: 'PlatformPage',
    component: () =>
      import('./components/PlatformPage').then(m => m.PlatformPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The live state of the platform resource behind a Resource entity.
 *
 * @public
 */
export const EntityPlatformResourceStatusCard: () => JSX.Element =
  legacyPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformResourceStatusCard',
      component: {
        lazy: () =>
          import('./components/ResourceStatusCard').then(
            m => m.ResourceStatusCard,
          ),
      },
    }),
  );

/**
 * A Group entity's platform resources and quota use.
 *
 * @public
 */
export const EntityPlatformTeamResourcesCard: () => JSX.Element =
  legacyPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformTeamResourcesCard',
      component: {
        lazy: () =>
          import('./components/TeamResourcesCard').then(
            m => m.TeamResourcesCard,
          ),
      },
    }),
  );

/**
 * The platform resources a Component entity uses or a System entity holds.
 *
 * @public
 */
export const EntityPlatformUsedResourcesCard: () => JSX.Element =
  legacyPlatformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformUsedResourcesCard',
      component: {
        lazy: () =>
          import('./components/UsedResourcesCard').then(
            m => m.UsedResourcesCard,
          ),
      },
    }),
  );
