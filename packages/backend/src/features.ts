import { demoSignInModule } from './modules/demoSignIn/demoSignInModule';
import { permissionPolicyModule } from './modules/permissionPolicyModule';
import { sqliteWriteAheadLogModule } from './modules/sqliteWriteAheadLogModule';

/**
 * Backstage itself: the app, sign-in, the catalog, permissions, the
 * scaffolder, notifications.
 */
export function backstageFeatures() {
  return [
    import('@backstage/plugin-app-backend'),
    // Sign-in: the guest and demo providers are for local use, each served
    // only where auth.providers names it; production adds a real one.
    import('@backstage/plugin-auth-backend'),
    import('@backstage/plugin-auth-backend-module-guest-provider'),
    demoSignInModule,
    import('@backstage/plugin-catalog-backend'),
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
    import('@backstage/plugin-catalog-backend-module-logs'),
    sqliteWriteAheadLogModule('catalog'),
    import('@backstage/plugin-permission-backend'),
    permissionPolicyModule,
    import('@backstage/plugin-scaffolder-backend'),
    // The platform's actions as MCP tools for AI assistants (docs/ai.md).
    import('@backstage/plugin-mcp-actions-backend'),
    // Notifications for users, pushed to the open app as signals.
    import('@backstage/plugin-notifications-backend'),
    import('@backstage/plugin-signals-backend'),
  ];
}

/** The Platform API and its scaffolder actions. */
export function platformFeatures() {
  return [
    import('@idp-kit/plugin-platform-backend'),
    import('@idp-kit/plugin-scaffolder-backend-module-platform'),
  ];
}

/** Platform resources and offerings in the software catalog. */
export function platformCatalogFeature() {
  return import('@idp-kit/plugin-catalog-backend-module-platform');
}

/** The provisioners that create real things: PostgreSQL databases, GitOps commits. */
export function provisionerFeatures() {
  return [
    import('@idp-kit/plugin-platform-backend-module-postgres'),
    import('@idp-kit/plugin-platform-backend-module-gitops'),
  ];
}
