import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RESOURCE_ID_ANNOTATION } from '@idp-kit/plugin-platform-common';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { platformApiRef } from './api/PlatformApi';
import { offerings, postgres, resource } from './__testUtils__/fixtures';
import { mockPlatformApi } from './__testUtils__/mockPlatformApi';
import {
  EntityPlatformResourceStatusCard,
  EntityPlatformTeamResourcesCard,
  EntityPlatformUsedResourcesCard,
  PlatformPage,
} from './legacy';
import { rootRouteRef } from './routes';

const platformApi = mockPlatformApi({
  listOfferings: async () => offerings,
  getOffering: async () => postgres,
  listResources: async () => ({ items: [resource()] }),
  listQuotas: async () => [],
  getResource: async () => resource(),
  listResourceEvents: async () => [],
});

function renderCard(element: JSX.Element, subject: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[platformApiRef, platformApi]]}>
      <EntityProvider entity={subject}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/platform': rootRouteRef } },
  );
}

function entity(kind: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'shop', annotations },
  };
}

describe('legacy frontend system', () => {
  it('renders the platform page', async () => {
    // Mounted the way a legacy app's App.tsx mounts it.
    await renderInTestApp(
      <TestApiProvider apis={[[platformApiRef, platformApi]]}>
        <Routes>
          <Route path="/platform/*" element={<PlatformPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/platform'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Platform', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('PostgreSQL Database')).toBeInTheDocument();
  });

  it('renders the resource status card', async () => {
    await renderCard(
      <EntityPlatformResourceStatusCard />,
      entity('Resource', { [RESOURCE_ID_ANNOTATION]: 'r1' }),
    );
    expect(
      await screen.findByRole('link', { name: /Open the resource/ }),
    ).toHaveAttribute('href', '/platform/resources/r1');
  });

  it('renders the team resources card', async () => {
    await renderCard(<EntityPlatformTeamResourcesCard />, entity('Group'));
    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toBeInTheDocument();
  });

  it('renders the used resources card', async () => {
    await renderCard(<EntityPlatformUsedResourcesCard />, entity('Component'));
    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toBeInTheDocument();
  });
});
