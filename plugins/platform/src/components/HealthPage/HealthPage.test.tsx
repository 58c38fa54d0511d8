import { screen } from '@testing-library/react';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { HealthSummary } from '../../api/types';
import { offerings } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { HealthPage } from './HealthPage';

const summary: HealthSummary = {
  windowDays: 30,
  selfServiceRate: 87.5,
  averageProvisionTime: {
    overall: { count: 12, averageSeconds: 95, p50Seconds: 80, p95Seconds: 300 },
    byOffering: {
      'postgresql-database': {
        count: 4,
        averageSeconds: 180,
        p50Seconds: 150,
        p95Seconds: 300,
      },
    },
  },
  availability: 99.9,
  activeResources: {
    byState: { ready: 10, failed: 1 },
    byTeam: { 'team-alpha': 7, 'team-beta': 4 },
    byEnvironment: { development: 6, production: 5 },
    total: 11,
  },
  developerSatisfaction: {
    nps: 42,
    responses: 20,
    promoters: 11,
    passives: 5,
    detractors: 4,
  },
};

const empty: HealthSummary = {
  windowDays: 30,
  selfServiceRate: null,
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

function render(platformApi: PlatformApi) {
  return renderPlatformPage(<HealthPage />, {
    path: '/platform/health',
    apis: [[platformApiRef, platformApi]],
  });
}

describe('HealthPage', () => {
  it('shows the figures and charts of the platform', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => summary,
      listOfferings: async () => offerings,
      getSurveyStatus: async () => ({ canAnswer: true }),
    });
    render(platformApi);

    expect(await screen.findByText('87.5 %')).toBeInTheDocument();
    expect(screen.getByText('99.9 %')).toBeInTheDocument();
    expect(screen.getByText('42')).toBeInTheDocument();
    expect(screen.getByText(/20 answers: 11 promoters/)).toBeInTheDocument();
    expect(screen.getByText('1 min 35 s')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Active resources by state (11): ready 10, failed 1',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Active resources by team: team-alpha 7, team-beta 4',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Active resources by environment: development 6, production 5',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: /PostgreSQL Database average 3 min, median 2 min 30 s, 95th percentile 5 min over 4 resources/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Health' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows the estimated spend per team and per offering, when priced', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => ({
        ...summary,
        spend: {
          currency: 'EUR',
          total: 1245.6,
          byTeam: { 'team-alpha': 900, 'team-beta': 345.6 },
          byOffering: { 'postgresql-database': 1000, 'web-application': 245.6 },
        },
      }),
      listOfferings: async () => offerings,
      getSurveyStatus: async () => ({ canAnswer: true }),
    });
    render(platformApi);

    expect(await screen.findByText('Estimated monthly spend')).toBeVisible();
    expect(screen.getByText('€1,245.60')).toBeVisible();
    expect(
      screen.getByRole('img', {
        name: 'Monthly spend by team: team-alpha €900.00, team-beta €345.60',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Monthly spend by offering: PostgreSQL Database €1,000.00, Web Application €245.60',
      }),
    ).toBeInTheDocument();
  });

  it('shows how long requests waited for approval, and how many needed it', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => ({
        ...summary,
        approvals: {
          requested: 6,
          share: 25,
          decided: 4,
          waitP50Seconds: 5400,
          waitP95Seconds: 90_000,
        },
      }),
      listOfferings: async () => offerings,
      getSurveyStatus: async () => ({ canAnswer: true }),
    });
    render(platformApi);

    expect(await screen.findByText('Approval wait (median)')).toBeVisible();
    expect(screen.getByText('1 h 30 min')).toBeVisible();
    expect(
      screen.getByText(
        '95th percentile 25 h, 4 decided over the last 30 days; 25% of new resources needed approval',
      ),
    ).toBeVisible();
  });

  it('says over how many days availability is counted when health checks are kept for fewer', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => ({
        ...summary,
        availabilityWindowDays: 14,
      }),
      listOfferings: async () => offerings,
      getSurveyStatus: async () => ({ canAnswer: true }),
    });
    render(platformApi);

    expect(
      await screen.findByText(
        'Health checks of ready resources that passed, over the last 14 days',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Requests made in the portal or from templates, over the last 30 days',
      ),
    ).toBeInTheDocument();
  });

  it('says what is not measured yet', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => empty,
      listOfferings: async () => [],
      getSurveyStatus: async () => ({ canAnswer: true }),
    });
    render(platformApi);

    expect(
      await screen.findByText('No resource was provisioned in this period.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No active resources.')).toHaveLength(3);
    expect(screen.getAllByText('—')).toHaveLength(4);
    // Nothing is priced: no spend at all.
    expect(
      screen.queryByText('Estimated monthly spend'),
    ).not.toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: () => new Promise(() => {}),
      listOfferings: async () => [],
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the summary cannot be read', async () => {
    const platformApi = mockPlatformApi({
      getHealthSummary: async () => {
        throw new Error('Summary unavailable');
      },
      listOfferings: async () => [],
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/Summary unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
