import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { offerings, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { UsedResourcesCard } from './UsedResourcesCard';

function entity(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'shop' },
    spec: { type: 'service', owner: 'group:default/team-alpha' },
  };
}

function render(platformApi: PlatformApi, kind = 'Component') {
  return renderPlatformPage(
    <EntityProvider entity={entity(kind)}>
      <UsedResourcesCard />
    </EntityProvider>,
    { apis: [[platformApiRef, platformApi]] },
  );
}

describe('UsedResourcesCard', () => {
  it('lists the resources a component uses, found by its full ref', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({
        items: [resource({ component: 'component:default/shop' })],
      }),
      listOfferings: async () => offerings,
    });
    render(platformApi);
    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toHaveAttribute('href', '/platform/resources/r1');
    expect(
      screen.getByText('PostgreSQL Database · production · team-alpha'),
    ).toBeInTheDocument();
    expect(platformApi.listResources).toHaveBeenCalledWith({
      component: 'component:default/shop',
    });
  });

  it('asks by system for systems', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()] }),
      listOfferings: async () => offerings,
    });
    render(platformApi, 'System');
    await screen.findByRole('link', { name: 'orders-db' });
    expect(platformApi.listResources).toHaveBeenCalledWith({
      system: 'system:default/shop',
    });
  });

  it('says so when nothing is used', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [] }),
      listOfferings: async () => offerings,
    });
    render(platformApi);
    expect(
      await screen.findByText('No platform resources'),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      listResources: () => new Promise(() => {}),
      listOfferings: async () => offerings,
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the resources cannot be read', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => {
        throw new Error('Lookup failed');
      },
      listOfferings: async () => offerings,
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/Lookup failed/)).length,
    ).toBeGreaterThan(0);
  });
});
