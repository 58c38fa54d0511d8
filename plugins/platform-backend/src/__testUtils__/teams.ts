import { Entity } from '@backstage/catalog-model';

/** Where the test organisation's groups come from. */
export const TEST_ORG_ORIGIN =
  'url:https://git.example.com/org/blob/main/org.yaml';

/** `platform.teams` of a test backend: the test organisation is trusted. */
export const testTeamsConfig = { trustedOrigins: [TEST_ORG_ORIGIN] };

/** A team's group as the organisation's catalog location publishes it. */
export function teamGroup(name: string, origin = TEST_ORG_ORIGIN): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-origin-location': origin },
    },
    spec: { type: 'team', children: [] },
  };
}
