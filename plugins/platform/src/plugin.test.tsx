import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { platformApiRef } from './api/PlatformApi';
import { offerings, resource } from './__testUtils__/fixtures';
import { mockPlatformApi } from './__testUtils__/mockPlatformApi';
import { platformPlugin } from './plugin';
import { rootRouteRef } from './routes';

function entity(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'team-alpha' },
  };
}

describe('platformPlugin', () => {
  it('serves its pages at /platform with a "Platform" nav title', () => {
    const tester = createExtensionTester(
      platformPlugin.getExtension('page:platform'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/platform');
    expect(tester.get(coreExtensionData.title)).toBe('Platform');
  });

  it.each([
    ['entity-card:platform/resource-status', ['Resource'], ['Group']],
    ['entity-card:platform/team-resources', ['Group'], ['Component']],
    [
      'entity-card:platform/used-resources',
      ['Component', 'System'],
      ['Resource', 'Group'],
    ],
  ] as const)('shows %s on the right kinds', (id, shownOn, hiddenOn) => {
    const tester = createExtensionTester(platformPlugin.getExtension(id));
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    for (const kind of shownOn) {
      expect(filter(entity(kind))).toBe(true);
    }
    for (const kind of hiddenOn) {
      expect(filter(entity(kind))).toBe(false);
    }
  });

  it('renders the team card from its extension', async () => {
    const tester = createExtensionTester(
      platformPlugin.getExtension('entity-card:platform/team-resources'),
    );
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()] }),
      listQuotas: async () => [],
      listOfferings: async () => offerings,
    });
    renderInTestApp(
      <EntityProvider entity={entity('Group')}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[platformApiRef, platformApi]],
        mountedRoutes: { '/platform': rootRouteRef },
      },
    );
    expect(await screen.findByText('orders-db')).toBeInTheDocument();
  });
});
