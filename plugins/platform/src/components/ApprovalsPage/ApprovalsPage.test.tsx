import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import {
  approvalRequest,
  offerings,
  resource,
} from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ApprovalsPage } from './ApprovalsPage';

const change = approvalRequest({
  id: 'a2',
  resourceId: 'r2',
  resource: resource({
    id: 'r2',
    name: 'shop-db',
    team: 'team-beta',
    environment: 'staging',
    state: 'awaiting-approval',
    config: { size: 'small', high_availability: false },
  }),
  action: 'update',
  config: { size: 'large', high_availability: false },
  requestedBy: 'user:default/jane',
});

/** A Platform API whose pending requests leave the list once decided. */
function platformApiWith(pending = [approvalRequest(), change]) {
  let waiting = pending;
  const decide = async (id: string) => {
    const decided = waiting.find(request => request.resourceId === id)!;
    waiting = waiting.filter(request => request !== decided);
    return { ...decided, state: 'approved' as const };
  };
  return mockPlatformApi({
    listOfferings: async () => offerings,
    listApprovals: async () => ({ items: waiting }),
    approveResource: decide,
    rejectResource: decide,
  });
}

function render(platformApi: PlatformApi) {
  return renderPlatformPage(<ApprovalsPage />, {
    path: '/platform/approvals',
    apis: [[platformApiRef, platformApi]],
  });
}

describe('ApprovalsPage', () => {
  it('lists the pending requests with what they ask for and why', async () => {
    const platformApi = platformApiWith();
    render(platformApi);

    const first = await screen.findByRole('article', { name: 'orders-db' });
    expect(platformApi.listApprovals).toHaveBeenCalledWith({
      state: 'pending',
      limit: 50,
    });
    expect(
      within(first).getByRole('link', { name: 'orders-db' }),
    ).toHaveAttribute('href', '/platform/resources/r1');
    expect(
      within(first).getByText('Create of PostgreSQL Database'),
    ).toBeInTheDocument();
    expect(within(first).getByText('team-alpha')).toBeInTheDocument();
    expect(within(first).getByText('production')).toBeInTheDocument();
    expect(within(first).getByText('guest')).toBeInTheDocument();
    expect(
      within(first).getByText(
        new Date('2026-01-09T10:00:00.000Z').toLocaleString(),
      ),
    ).toBeInTheDocument();
    expect(
      within(first).getByText(
        'Needs approval by platform-team — Large databases cost more than 500 € a month',
      ),
    ).toBeInTheDocument();
    expect(within(first).getByText('(cost-approval)')).toBeInTheDocument();
    const config = within(first).getByRole('table', {
      name: 'Requested configuration',
    });
    expect(
      within(config).getByRole('row', { name: 'size large' }),
    ).toBeInTheDocument();
    expect(
      within(config).getByRole('row', { name: 'high_availability Yes' }),
    ).toBeInTheDocument();

    // A change shows the configuration now beside the one asked for.
    const second = screen.getByRole('article', { name: 'shop-db' });
    expect(
      within(second).getByText(
        'Change of configuration of PostgreSQL Database',
      ),
    ).toBeInTheDocument();
    expect(
      within(second).getByRole('row', { name: 'size large small' }),
    ).toBeInTheDocument();
    expect(
      within(second).getByRole('row', { name: 'high_availability No No' }),
    ).toBeInTheDocument();
    expect(within(second).getByText('jane')).toBeInTheDocument();
  });

  it('approves with a comment, and the request leaves the list', async () => {
    const platformApi = platformApiWith();
    render(platformApi);

    const card = await screen.findByRole('article', { name: 'orders-db' });
    await userEvent.click(
      within(card).getByRole('button', { name: 'Approve orders-db' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Approve orders-db?' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Budget agreed',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(platformApi.approveResource).toHaveBeenCalledWith(
      'r1',
      'Budget agreed',
    );
    await waitFor(() => expect(card).not.toBeInTheDocument());
    expect(
      screen.getByRole('article', { name: 'shop-db' }),
    ).toBeInTheDocument();
    expect(dialog).not.toBeInTheDocument();
  });

  it('rejects without a comment', async () => {
    const platformApi = platformApiWith();
    render(platformApi);

    const card = await screen.findByRole('article', { name: 'shop-db' });
    await userEvent.click(
      within(card).getByRole('button', { name: 'Reject shop-db' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Reject shop-db?' });
    expect(
      within(dialog).getByText('shop-db keeps its current configuration.'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    expect(platformApi.rejectResource).toHaveBeenCalledWith('r2', undefined);
    expect(platformApi.approveResource).not.toHaveBeenCalled();
    await waitFor(() => expect(card).not.toBeInTheDocument());
  });

  it('shows why a decision was refused, and keeps the request', async () => {
    const platformApi = platformApiWith();
    platformApi.approveResource.mockRejectedValue(
      new Error('You may not approve your own request'),
    );
    render(platformApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve orders-db' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Approve orders-db?' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(
      await within(dialog).findByText('You may not approve your own request'),
    ).toBeInTheDocument();
    expect(platformApi.listApprovals).toHaveBeenCalledTimes(1);
  });

  it('says so when nothing waits', async () => {
    render(platformApiWith([]));
    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
  });
});
