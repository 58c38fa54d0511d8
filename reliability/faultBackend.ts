/*
 * A small backend for the fault suite only: the platform plugin with the
 * catalog (teams are catalog groups), guest sign-in and the faulty
 * provisioners of ./faultyProvisioners. Permissions are off
 * (`permission.enabled: false` in the suite's config), so every signed-in
 * user may act for every team.
 *
 * Run from the repository root with the config the suite writes:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     reliability/faultBackend.ts --config <file>
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@idp-kit/plugin-platform-backend'));
backend.add(import('./faultyProvisioners'));

backend.start();
