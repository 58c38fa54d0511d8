import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { HealthSummary } from '../../api/types';
import { offerings } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { PlatformPage } from './PlatformPage';

const summary: HealthSummary = {
  windowDays: 30,
  selfServiceRate: 90,
  averageProvisionTime: { overall: null, byOffering: {} },
  availability: null,
  activeResources: { byState: {}, byTeam: {}, byEnvironment: {}, total: 0 },
  developerSatisfaction: {
    nps: null,
    responses: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
  },
};

function render(platformApi: PlatformApi, path: string) {
  return renderPlatformPage(<PlatformPage />, {
    path,
    // The page's own routes lie below where the app mounts it.
    route: '/platform/*',
    apis: [[platformApiRef, platformApi]],
  });
}

describe('PlatformPage', () => {
  it('opens on the service catalog and leads to the other sections', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      getHealthSummary: async () => summary,
      getSurveyStatus: async () => ({ canAnswer: false }),
    });
    render(platformApi, '/platform');

    expect(
      await screen.findByRole('heading', { name: 'Platform', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('PostgreSQL Database')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Health' }));
    expect(
      await screen.findByRole('heading', { name: 'Platform health' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('90 %')).toBeInTheDocument();
  });

  it('leads to the approvals', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
      listApprovals: async () => ({ items: [] }),
    });
    render(platformApi, '/platform');

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Approvals' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Approvals' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Approvals' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('says so for an unknown path', async () => {
    render(mockPlatformApi(), '/platform/nowhere');
    expect(
      await screen.findByText('There is no such platform page'),
    ).toBeInTheDocument();
  });
});
