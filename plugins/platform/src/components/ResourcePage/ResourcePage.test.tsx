import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, within } from '@testing-library/react';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { event, postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourcePage } from './ResourcePage';

function render(platformApi: PlatformApi) {
  return renderPlatformPage(<ResourcePage />, {
    path: '/platform/resources/r1',
    route: '/platform/resources/:id',
    apis: [
      [platformApiRef, platformApi],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

describe('ResourcePage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows a ready resource with its configuration, outputs, health and timeline', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          component: 'component:default/shop',
          createdVia: 'mcp',
          health: {
            healthy: true,
            message: 'accepting connections',
            checkedAt: '2026-01-02T11:00:00.000Z',
          },
          drift: [{ field: 'size', desired: 'small', actual: 'medium' }],
        }),
      listResourceEvents: async () => [
        event(),
        event({ id: 2, state: 'provisioning', message: 'Provisioning' }),
        event({ id: 3, state: 'ready', message: 'Database created' }),
      ],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);

    expect(
      await screen.findByRole('heading', { name: 'orders-db' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Database created')).toBeInTheDocument();
    expect(screen.getByText('db.internal')).toBeInTheDocument();
    expect(screen.getByText('backup_retention_days')).toBeInTheDocument();
    expect(screen.getByText('component:default/shop')).toBeInTheDocument();
    expect(
      screen.getByText(/through an AI assistant \(MCP\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/accepting connections/)).toBeInTheDocument();
    const drift = screen.getByRole('table', { name: 'Drift' });
    expect(within(drift).getByText('medium')).toBeInTheDocument();
    expect(
      await screen.findByText('PostgreSQL Database (v13)'),
    ).toBeInTheDocument();
    // Every step of creation is done.
    const steps = within(screen.getByLabelText('Life cycle'));
    expect(steps.getByText('Ready')).toBeInTheDocument();
    expect(steps.queryByText(/Failed/)).not.toBeInTheDocument();
  });

  it('writes booleans, empty values and lists in words every font can show', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          config: {
            size: 'small',
            high_availability: false,
            read_replicas: true,
            maintenance_window: '',
            zones: ['eu-west-1', 'eu-central-1'],
          },
          outputs: { host: 'db.internal', replica_host: null },
          health: {
            healthy: true,
            checkedAt: '2026-01-02T11:00:00.000Z',
          },
          drift: [{ field: 'high_availability', desired: false, actual: true }],
        }),
      listResourceEvents: async () => [],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);

    await screen.findByRole('heading', { name: 'orders-db' });
    expect(
      screen.getByRole('row', { name: 'high_availability No' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'read_replicas Yes' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'maintenance_window —' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'replica_host —' }),
    ).toBeInTheDocument();
    const zones = screen.getByRole('row', { name: /^zones/ });
    expect(within(zones).getByText('eu-west-1')).toBeInTheDocument();
    expect(within(zones).getByText('eu-central-1')).toBeInTheDocument();
    const drift = screen.getByRole('table', { name: 'Drift' });
    expect(
      within(drift).getByRole('row', { name: 'high_availability No Yes' }),
    ).toBeInTheDocument();
    // Emoji, which fonts without them draw as empty boxes.
    expect(screen.queryByText(/[\u2705\u274C]/u)).not.toBeInTheDocument();
  });

  it('reads a changing resource again every two seconds until it settles', async () => {
    jest.useFakeTimers();
    const states = ['pending', 'provisioning', 'ready'] as const;
    let reads = 0;
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({
          state: states[Math.min(reads++, states.length - 1)],
          outputs: {},
        }),
      listResourceEvents: async () => [],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);

    expect(
      await screen.findByText('Nothing has happened yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Outputs appear once the resource is ready.'),
    ).toBeInTheDocument();
    // Every two seconds one more read, until the resource is ready. (Waiting
    // for the first render may itself have moved the fake clock on.)
    while (reads < states.length) {
      const before = reads;
      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      expect(reads).toBe(before + 1);
    }
    expect(
      await screen.findByRole('button', { name: 'Change configuration' }),
    ).toBeEnabled();

    // Ready is settled: no more reads.
    const settled = reads;
    await act(async () => {
      jest.advanceTimersByTime(10000);
    });
    expect(reads).toBe(settled);
  });

  it('shows where a failed resource failed and why', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({ state: 'failed', error: 'Server refused the login role' }),
      listResourceEvents: async () => [
        event(),
        event({
          id: 2,
          state: 'failed',
          message: 'Attempt failed',
          attempt: 5,
        }),
      ],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);

    const steps = within(await screen.findByLabelText('Life cycle'));
    expect(
      steps.getByText('Failed: Server refused the login role'),
    ).toBeInTheDocument();
    expect(screen.getByText(/attempt 5/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows a deleted resource without delete or change actions', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () => resource({ state: 'deleted' }),
      listResourceEvents: async () => [event({ state: 'deleted' })],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);
    expect(
      await within(await screen.findByLabelText('Life cycle')).findByText(
        'Deleted',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reveal connection secret' }),
    ).not.toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      getResource: () => new Promise(() => {}),
      listResourceEvents: async () => [],
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the resource cannot be read', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () => {
        throw new Error('Resource not found');
      },
      listResourceEvents: async () => [],
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/Resource not found/)).length,
    ).toBeGreaterThan(0);
  });
});
