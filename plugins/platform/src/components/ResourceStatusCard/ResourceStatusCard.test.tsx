import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { RESOURCE_ID_ANNOTATION } from '@idp-kit/plugin-platform-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { event, postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourceStatusCard } from './ResourceStatusCard';

function resourceEntity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db.production.team-alpha', annotations },
    spec: { type: 'database', owner: 'group:default/team-alpha' },
  };
}

function render(platformApi: PlatformApi, entity: Entity) {
  return renderPlatformPage(
    <EntityProvider entity={entity}>
      <ResourceStatusCard />
    </EntityProvider>,
    { apis: [[platformApiRef, platformApi]] },
  );
}

describe('ResourceStatusCard', () => {
  const annotated = resourceEntity({ [RESOURCE_ID_ANNOTATION]: 'r1' });

  it('shows the state, offering, environment, health and latest events', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          health: {
            healthy: false,
            message: 'replica lagging',
            checkedAt: '2026-01-02T11:00:00.000Z',
          },
        }),
      listResourceEvents: async () => [
        event({ id: 1, message: 'first' }),
        event({ id: 2, message: 'second', state: 'provisioning' }),
        event({ id: 3, message: 'third', state: 'provisioning' }),
        event({ id: 4, message: 'fourth', state: 'ready' }),
      ],
      getOffering: async () => postgres,
    });
    render(platformApi, annotated);

    expect(await screen.findByText('fourth')).toBeInTheDocument();
    expect(screen.queryByText('first')).not.toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText(/replica lagging/)).toBeInTheDocument();
    expect(await screen.findByText('PostgreSQL Database')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the resource/ }),
    ).toHaveAttribute('href', '/platform/resources/r1');
    expect(platformApi.getResource).toHaveBeenCalledWith('r1');
  });

  it('shows the time left with a way to extend it', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          environment: 'development',
          expiresAt: new Date(Date.now() + 2.5 * 24 * 3_600_000).toISOString(),
        }),
      listResourceEvents: async () => [event({ state: 'ready' })],
      getOffering: async () => postgres,
    });
    render(platformApi, annotated);

    expect(await screen.findByText('expires in 2 days')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Extend' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Extend orders-db' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/New expiry/)).toHaveAttribute(
      'type',
      'datetime-local',
    );
  });

  it('explains the missing annotation on other Resource entities', async () => {
    render(mockPlatformApi(), resourceEntity());
    expect(
      await screen.findByText(/platform.backstage.io\/resource-id/),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      getResource: () => new Promise(() => {}),
      listResourceEvents: async () => [],
    });
    render(platformApi, annotated);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the resource cannot be read', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () => {
        throw new Error('Resource is gone');
      },
      listResourceEvents: async () => [],
    });
    render(platformApi, annotated);
    expect(
      (await screen.findAllByText(/Resource is gone/)).length,
    ).toBeGreaterThan(0);
  });
});
