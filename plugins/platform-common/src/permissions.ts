import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of platform resources in the permission framework.
 *
 * @public
 */
export const PLATFORM_RESOURCE_TYPE = 'platform-resource';

/**
 * Creating a resource; conditional on the team the new resource is for.
 *
 * @public
 */
export const platformResourceCreatePermission = createPermission({
  name: 'platform.resource.create',
  attributes: { action: 'create' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** @public */
export const platformResourceReadPermission = createPermission({
  name: 'platform.resource.read',
  attributes: { action: 'read' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** @public */
export const platformResourceUpdatePermission = createPermission({
  name: 'platform.resource.update',
  attributes: { action: 'update' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** @public */
export const platformResourceDeletePermission = createPermission({
  name: 'platform.resource.delete',
  attributes: { action: 'delete' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** @public */
export const platformResourceSecretReadPermission = createPermission({
  name: 'platform.resource.secret.read',
  attributes: { action: 'read' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/**
 * Approving or rejecting a request that waits for approval. Membership of
 * the approving group and four eyes are checked besides.
 *
 * @public
 */
export const platformResourceApprovePermission = createPermission({
  name: 'platform.resource.approve',
  attributes: { action: 'update' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/**
 * Every permission of the platform plugin.
 *
 * @public
 */
export const platformPermissions = [
  platformResourceCreatePermission,
  platformResourceReadPermission,
  platformResourceUpdatePermission,
  platformResourceDeletePermission,
  platformResourceSecretReadPermission,
  platformResourceApprovePermission,
];
