import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

// These refs work in both the new and the legacy frontend system, so the same
// components link to each other in either kind of app.

/** The platform's service catalog, the root of the plugin's pages. */
export const rootRouteRef = createRouteRef({ id: 'platform' });

/** The form that requests a resource of one offering. */
export const createResourceRouteRef = createSubRouteRef({
  id: 'platform/create-resource',
  parent: rootRouteRef,
  path: '/create/:offeringId',
});

/** The list of resources. */
export const resourcesRouteRef = createSubRouteRef({
  id: 'platform/resources',
  parent: rootRouteRef,
  path: '/resources',
});

/** One resource. */
export const resourceRouteRef = createSubRouteRef({
  id: 'platform/resource',
  parent: rootRouteRef,
  path: '/resources/:id',
});

/** The requests for approval the user may decide. */
export const approvalsRouteRef = createSubRouteRef({
  id: 'platform/approvals',
  parent: rootRouteRef,
  path: '/approvals',
});

/** The platform's health figures and survey. */
export const healthRouteRef = createSubRouteRef({
  id: 'platform/health',
  parent: rootRouteRef,
  path: '/health',
});
