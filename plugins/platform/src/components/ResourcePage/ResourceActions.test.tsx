import { RequestVerdict } from '@idp-kit/plugin-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourceActions } from './ResourceActions';

function render(
  platformApi: PlatformApi,
  fields: Parameters<typeof resource>[0] = {},
) {
  const onChanged = jest.fn();
  renderPlatformPage(
    <ResourceActions
      resource={resource(fields)}
      offering={postgres}
      onChanged={onChanged}
    />,
    { apis: [[platformApiRef, platformApi]] },
  );
  return onChanged;
}

const allowed: RequestVerdict = {
  allowed: true,
  errors: [],
  violations: [],
  approvals: [],
};

describe('ResourceActions', () => {
  it('retries a failed resource', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
      retryResource: async () => resource({ state: 'pending' }),
    });
    const onChanged = render(platformApi, { state: 'failed' });
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(platformApi.retryResource).toHaveBeenCalledWith('r1');
    expect(onChanged).toHaveBeenCalled();
  });

  it('does not offer to retry a ready resource', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
    });
    render(platformApi);
    expect(
      await screen.findByRole('button', { name: 'Delete' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('offers no change while awaiting approval', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
    });
    render(platformApi, { state: 'awaiting-approval' });
    expect(
      await screen.findByRole('button', { name: 'Change configuration' }),
    ).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('leaves a rejected resource only the problem report', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
    });
    render(platformApi, { state: 'rejected' });
    expect(
      await screen.findByRole('button', { name: 'Report a problem' }),
    ).toBeInTheDocument();
    for (const name of ['Change configuration', 'Delete', 'Retry']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('deletes after confirmation', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
      deleteResource: async () => resource({ state: 'deleting' }),
    });
    const onChanged = render(platformApi);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Delete' })).toBeEnabled(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete orders-db?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete orders-db' }),
    );
    expect(platformApi.deleteResource).toHaveBeenCalledWith('r1');
    expect(onChanged).toHaveBeenCalled();
  });

  it('disables deleting while other resources depend on it, and says why', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [
        resource({ id: 'r2', offering: 'api-gateway', name: 'shop-api' }),
      ],
    });
    render(platformApi);
    expect(
      await screen.findByRole('link', { name: 'api-gateway shop-api' }),
    ).toHaveAttribute('href', '/platform/resources/r2');
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      /Deleting is disabled while other resources use this one/,
    );
  });

  it('changes the configuration after a verdict', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
      checkUpdateResource: async (_id, config) =>
        config.high_availability
          ? allowed
          : {
              allowed: false,
              errors: [],
              violations: [
                {
                  policy: 'environment-rules',
                  field: 'config.high_availability',
                  reason:
                    'Production databases must have high_availability enabled',
                },
              ],
              approvals: [],
            },
      updateResource: async () => resource({ state: 'updating' }),
    });
    const onChanged = render(platformApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Change configuration' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Change the configuration of orders-db',
    });
    expect(
      await within(dialog).findByText('Every policy allows this request.'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /High availability/ }),
    );
    expect(
      await within(dialog).findByText('This request would be refused'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Save configuration' }),
    ).toBeDisabled();

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /High availability/ }),
    );
    await userEvent.clear(
      within(dialog).getByLabelText(/Backup retention days/),
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Backup retention days/),
      '14',
    );
    await within(dialog).findByText('Every policy allows this request.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save configuration' }),
    );
    await waitFor(() =>
      expect(platformApi.updateResource).toHaveBeenCalledWith('r1', {
        size: 'small',
        high_availability: true,
        backup_retention_days: 14,
      }),
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it('reports a problem', async () => {
    const platformApi = mockPlatformApi({
      listResourceDependents: async () => [],
      reportProblem: async (resourceId, problem) => ({
        id: 't1',
        resourceId,
        team: 'team-alpha',
        ...problem,
        createdBy: 'user:default/guest',
        createdAt: '2026-01-03T00:00:00.000Z',
        status: 'open' as const,
      }),
    });
    render(platformApi);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Report a problem' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Report a problem with orders-db',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Send report' }),
    ).toBeDisabled();
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Category'),
      'access',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/What went wrong/),
      'The password is refused',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send report' }),
    );
    expect(
      await within(dialog).findByText(/Ticket t1 is open/),
    ).toBeInTheDocument();
    expect(platformApi.reportProblem).toHaveBeenCalledWith('r1', {
      category: 'access',
      description: 'The password is refused',
    });
  });
});
