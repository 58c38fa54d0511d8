// Before anything records a metric.
import './instrumentation';
import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './modules/permissionPolicyModule';
import { sqliteWriteAheadLogModule } from './modules/sqliteWriteAheadLogModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider is for local use; production adds a real one.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(sqliteWriteAheadLogModule('catalog'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-scaffolder-backend'));

// The self-service platform.
backend.add(import('@internal/plugin-platform-backend'));
backend.add(import('@internal/plugin-scaffolder-backend-module-platform'));
backend.add(import('@internal/plugin-catalog-backend-module-platform'));
backend.add(import('@internal/plugin-platform-backend-module-postgres'));
backend.add(import('@internal/plugin-platform-backend-module-gitops'));

backend.start();
