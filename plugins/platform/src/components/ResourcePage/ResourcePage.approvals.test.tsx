import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import {
  approvalRequest,
  event,
  postgres,
  resource,
} from '../../__testUtils__/fixtures';
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

const requested = event({
  type: 'approval-requested',
  state: 'awaiting-approval',
  message: 'Waiting for approval by platform-team',
});

describe('ResourcePage approvals', () => {
  it('shows a creation waiting for approval, and approves it', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({ state: 'awaiting-approval', outputs: {} }),
      listResourceEvents: async () => [requested],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
      listResourceApprovals: async () => [approvalRequest()],
      approveResource: async () => approvalRequest({ state: 'approved' }),
    });
    render(platformApi);

    const steps = within(await screen.findByLabelText('Life cycle'));
    expect(steps.getByText('Awaiting approval')).toBeInTheDocument();
    expect(
      steps.getByText('Awaiting approval').closest('[aria-current]'),
    ).toHaveAttribute('aria-current', 'step');
    expect(steps.getByText('Provisioning')).toBeInTheDocument();

    const panel = within(
      await screen.findByRole('region', { name: 'Approval' }),
    );
    expect(
      panel.getByText(
        `The creation waits for approval by platform-team. Undecided, it expires ${new Date(
          '2026-01-09T10:00:00.000Z',
        ).toLocaleString()}.`,
      ),
    ).toBeInTheDocument();
    expect(
      panel.getByText(
        'Needs approval by platform-team — Large databases cost more than 500 € a month',
      ),
    ).toBeInTheDocument();
    expect(panel.getByText('No decision yet.')).toBeInTheDocument();
    // Nothing to change until the request is decided.
    expect(
      screen.getByRole('button', { name: 'Change configuration' }),
    ).toBeDisabled();

    await userEvent.click(
      panel.getByRole('button', { name: 'Approve orders-db' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Approve orders-db?' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Go ahead',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(platformApi.approveResource).toHaveBeenCalledWith('r1', 'Go ahead');
    // The resource and its approvals are read again.
    await waitFor(() =>
      expect(platformApi.getResource).toHaveBeenCalledTimes(2),
    );
    expect(platformApi.listResourceApprovals).toHaveBeenCalledTimes(2);
  });

  it('shows a rejected creation with the decision, and no buttons', async () => {
    const reason = 'Rejected by jane: Use a medium database';
    const platformApi = mockPlatformApi({
      getResource: async () =>
        resource({ state: 'rejected', outputs: {}, error: reason }),
      listResourceEvents: async () => [
        requested,
        event({ id: 2, type: 'rejected', state: 'rejected', message: reason }),
      ],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
      listResourceApprovals: async () => [
        approvalRequest({
          state: 'rejected',
          awaiting: [],
          decidedAt: '2026-01-03T09:00:00.000Z',
          canDecide: false,
          decisions: [
            {
              actor: 'user:default/jane',
              outcome: 'rejected',
              groups: ['group:default/platform-team'],
              comment: 'Use a medium database',
              time: '2026-01-03T09:00:00.000Z',
            },
          ],
        }),
      ],
    });
    render(platformApi);

    const steps = within(await screen.findByLabelText('Life cycle'));
    expect(steps.getByText('Rejected')).toBeInTheDocument();
    expect(steps.getByText(reason)).toBeInTheDocument();
    expect(steps.queryByText('Provisioning')).not.toBeInTheDocument();

    const panel = within(
      await screen.findByRole('region', { name: 'Approval' }),
    );
    expect(
      panel.getByText(
        `The creation was rejected ${new Date(
          '2026-01-03T09:00:00.000Z',
        ).toLocaleString()}.`,
      ),
    ).toBeInTheDocument();
    expect(
      panel.getByText(
        'jane rejected for platform-team: “Use a medium database”',
      ),
    ).toBeInTheDocument();
    expect(panel.queryByRole('button')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Change configuration' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });

  it('reads no approvals for a resource that never had any', async () => {
    const platformApi = mockPlatformApi({
      getResource: async () => resource(),
      listResourceEvents: async () => [event({ state: 'ready' })],
      listResourceDependents: async () => [],
      getOffering: async () => postgres,
    });
    render(platformApi);
    expect(await screen.findByLabelText('Life cycle')).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Approval' }),
    ).not.toBeInTheDocument();
    expect(platformApi.listResourceApprovals).not.toHaveBeenCalled();
  });
});
