import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TeamSpend } from '@idp-kit/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { offerings, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { TeamResourcesCard } from './TeamResourcesCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-alpha' },
  spec: { type: 'team', children: [] },
};

const spend: TeamSpend = {
  team: 'team-alpha',
  currency: 'EUR',
  monthly: 1650,
  byOffering: { 'web-application': 250, 'postgresql-database': 1400 },
  budget: 1500,
};

function render(platformApi: PlatformApi) {
  return renderPlatformPage(
    <EntityProvider entity={group}>
      <TeamResourcesCard />
    </EntityProvider>,
    { apis: [[platformApiRef, platformApi]] },
  );
}

describe('TeamResourcesCard', () => {
  it("lists the team's resources and quota use", async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()], nextCursor: 'c2' }),
      listQuotas: async () => [
        {
          team: 'team-alpha',
          offering: 'postgresql-database',
          used: 3,
          limit: 5,
        },
        { team: 'team-alpha', offering: 'web-application', used: 2 },
      ],
      listOfferings: async () => offerings,
      getTeamSpend: async () => spend,
    });
    render(platformApi);

    expect(
      await screen.findByRole('link', { name: 'orders-db' }),
    ).toHaveAttribute('href', '/platform/resources/r1');
    expect(
      screen.getByRole('progressbar', {
        name: '3 of 5 PostgreSQL Database resources used',
      }),
    ).toHaveAttribute('aria-valuenow', '60');
    expect(
      screen.getByText('2 Web Application resources used, no limit'),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing the newest 1.')).toBeInTheDocument();
    expect(platformApi.listResources).toHaveBeenCalledWith({
      team: 'team-alpha',
      limit: 10,
    });
    expect(platformApi.listQuotas).toHaveBeenCalledWith('team-alpha');
  });

  it("shows the team's spend against its budget, per offering", async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()] }),
      listQuotas: async () => [],
      listOfferings: async () => offerings,
      getTeamSpend: async () => spend,
    });
    render(platformApi);

    const section = await screen.findByRole('region', {
      name: 'Estimated monthly spend',
    });
    const text = '€1,650.00 of €1,500.00 budget a month';
    expect(await within(section).findByText(text)).toBeVisible();
    expect(
      within(section).getByRole('progressbar', { name: text }),
    ).toHaveAttribute('aria-valuenow', '100');
    const lines = within(section)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(lines).toEqual([
      'PostgreSQL Database: €1,400.00',
      'Web Application: €250.00',
    ]);
    expect(platformApi.getTeamSpend).toHaveBeenCalledWith('team-alpha');
  });

  it('keeps the resources when the spend cannot be read', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()] }),
      listQuotas: async () => [],
      listOfferings: async () => offerings,
      getTeamSpend: async () => {
        throw new Error('may not read the spend of team-alpha');
      },
    });
    render(platformApi);

    expect(
      await screen.findByText(
        'The spend could not be read: may not read the spend of team-alpha',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders-db' })).toBeInTheDocument();
  });

  it('reads no spend when nothing is priced', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [resource()] }),
      listQuotas: async () => [],
      listOfferings: async () =>
        offerings.map(({ currency: _currency, ...offering }) => offering),
    });
    render(platformApi);

    expect(await screen.findByText('No quota applies.')).toBeInTheDocument();
    expect(
      screen.queryByText('Estimated monthly spend'),
    ).not.toBeInTheDocument();
    expect(platformApi.getTeamSpend).not.toHaveBeenCalled();
  });

  it('says so when the team has no resources', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => ({ items: [] }),
      listQuotas: async () => [],
      listOfferings: async () => offerings,
      getTeamSpend: async () => spend,
    });
    render(platformApi);
    expect(
      await screen.findByText('team-alpha has no platform resources'),
    ).toBeInTheDocument();
    expect(screen.getByText('No quota applies.')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      listResources: () => new Promise(() => {}),
      listQuotas: async () => [],
      listOfferings: async () => offerings,
      getTeamSpend: async () => spend,
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the resources cannot be read', async () => {
    const platformApi = mockPlatformApi({
      listResources: async () => {
        throw new Error('Team lookup failed');
      },
      listQuotas: async () => [],
      listOfferings: async () => offerings,
      getTeamSpend: async () => spend,
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/Team lookup failed/)).length,
    ).toBeGreaterThan(0);
  });
});
