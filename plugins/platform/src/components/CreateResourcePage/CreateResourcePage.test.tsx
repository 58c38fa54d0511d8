import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { RequestVerdict } from '@idp-kit/plugin-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { CreateResourcePage } from './CreateResourcePage';

const allowed: RequestVerdict = {
  allowed: true,
  errors: [],
  violations: [],
  approvals: [],
  quota: {
    team: 'team-alpha',
    offering: 'postgresql-database',
    used: 3,
    limit: 5,
  },
};

function render(
  platformApi: PlatformApi,
  ownershipEntityRefs = ['user:default/guest', 'group:default/team-alpha'],
) {
  return renderPlatformPage(
    <Routes>
      <Route
        path="/platform/create/:offeringId"
        element={<CreateResourcePage />}
      />
      <Route path="/platform/resources/:id" element={<p>Resource page</p>} />
    </Routes>,
    {
      path: '/platform/create/postgresql-database',
      apis: [
        [platformApiRef, platformApi],
        mockApis.identity({ ownershipEntityRefs }),
        [
          catalogApiRef,
          catalogApiMock({
            entities: ['team-alpha', 'team-beta', 'platform-team'].map(
              name => ({
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Group',
                metadata: { name },
                spec: { type: 'team', children: [] },
              }),
            ),
          }),
        ],
      ],
    },
  );
}

async function choose(label: RegExp, option: string) {
  await userEvent.click(screen.getByRole('button', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('CreateResourcePage', () => {
  it('renders the offering form with its defaults', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
    });
    render(platformApi);

    expect(
      await screen.findByRole('heading', {
        name: 'Create PostgreSQL Database',
      }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('');
    expect(screen.getByRole('button', { name: /Team/ })).toHaveTextContent(
      'team-alpha',
    );
    expect(
      screen.getByRole('button', { name: /Environment/ }),
    ).toHaveTextContent('development');
    expect(screen.getByRole('button', { name: /Size/ })).toHaveTextContent(
      'small',
    );
    expect(
      screen.getByRole('checkbox', { name: /High availability/ }),
    ).not.toBeChecked();
    const retention = screen.getByLabelText(/Backup retention days/);
    expect(retention).toHaveValue(7);
    expect(retention).toHaveAttribute('type', 'number');
    expect(retention).toHaveAttribute('max', '35');
    expect(screen.getByText('Days to keep backups')).toBeInTheDocument();
    expect(
      screen.getByText(/Complete the form to check the request/),
    ).toBeInTheDocument();
    expect(platformApi.checkCreateResource).not.toHaveBeenCalled();
  });

  it('shows the refusal of a production database without high availability', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async request =>
        request.environment === 'production' &&
        !request.config?.high_availability
          ? {
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
              quota: allowed.quota,
            }
          : allowed,
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    await choose(/Environment/, 'production');

    const check = await screen.findByRole('region', { name: 'Policy check' });
    expect(
      await within(check).findByText('This request would be refused'),
    ).toBeInTheDocument();
    expect(
      within(check).getByText(
        /Production databases must have high_availability/,
      ),
    ).toBeInTheDocument();
    expect(within(check).getByText('environment-rules')).toBeInTheDocument();
    expect(
      within(check).getByText('3 of 5 PostgreSQL Database resources used'),
    ).toBeInTheDocument();
    // The reason is also next to the field it is about.
    expect(
      document.getElementById('root_config_high_availability__error'),
    ).toHaveTextContent(
      'Production databases must have high_availability enabled',
    );
    expect(
      screen.getByRole('button', { name: 'Create PostgreSQL Database' }),
    ).toBeDisabled();

    await userEvent.click(
      screen.getByRole('checkbox', { name: /High availability/ }),
    );
    expect(
      await within(check).findByText('Every policy allows this request.'),
    ).toBeInTheDocument();
    expect(platformApi.checkCreateResource).toHaveBeenLastCalledWith({
      offering: 'postgresql-database',
      name: 'orders-db',
      team: 'team-alpha',
      environment: 'production',
      config: {
        size: 'small',
        high_availability: true,
        backup_retention_days: 7,
      },
    });
  });

  it('shows the price and lifetime of the request as fields change', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async request => ({
        ...allowed,
        cost: {
          monthly: request.config?.size === 'medium' ? 94.2 : 29.2,
          currency: 'EUR',
          breakdown: [
            {
              item: 'Instance size',
              monthly: request.config?.size === 'medium' ? 90 : 25,
            },
            { item: 'Backup storage per day kept', monthly: 4.2 },
          ],
          teamMonthly: 829.2,
          budget: 1500,
        },
        lifetime: {
          default: 'P7D',
          max: 'P30D',
          expiresAt: '2027-01-08T12:00:00.000Z',
          maxExpiresAt: '2027-01-31T12:00:00.000Z',
        },
      }),
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    const price = screen.getByRole('region', { name: 'Estimated price' });
    expect(await within(price).findByText('€29.20 a month')).toBeVisible();
    expect(within(price).getByText('Instance size: €25.00')).toBeVisible();
    expect(
      within(price).getByText('Backup storage per day kept: €4.20'),
    ).toBeVisible();
    expect(
      within(price).getByText(
        'Team spend after this request: €829.20 of budget €1,500.00 a month',
      ),
    ).toBeVisible();
    const lifetime = screen.getByRole('region', { name: 'Lifetime' });
    expect(
      within(lifetime).getByText('Expires after 7 days (at most 30 days)'),
    ).toBeVisible();
    expect(within(lifetime).getByText(/It would be deleted/)).toBeVisible();

    await choose(/Size/, 'medium');
    expect(await within(price).findByText('€94.20 a month')).toBeVisible();
    await choose(/Environment/, 'production');
    expect(within(lifetime).getByText('Never expires')).toBeVisible();
  });

  it('sends the chosen expiry and shows its refusal at the field', async () => {
    const tooLate = new Date(2027, 5, 1, 12, 0).toISOString();
    const inTime = new Date(2027, 0, 20, 9, 30).toISOString();
    const message = 'must be at most P30D from now';
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async request =>
        request.expiresAt === tooLate
          ? {
              ...allowed,
              allowed: false,
              errors: [{ field: 'expiresAt', message }],
            }
          : allowed,
      createResource: async () => resource({ id: 'new-id', state: 'pending' }),
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    const expiry = screen.getByLabelText(/Expires at/);
    expect(expiry).toHaveAttribute('type', 'datetime-local');
    fireEvent.change(expiry, { target: { value: '2027-06-01T12:00' } });
    await waitFor(() =>
      expect(
        document.getElementById('root_expiresAt__error'),
      ).toHaveTextContent(message),
    );
    expect(
      screen.getByRole('button', { name: 'Create PostgreSQL Database' }),
    ).toBeDisabled();

    fireEvent.change(expiry, { target: { value: '2027-01-20T09:30' } });
    const create = screen.getByRole('button', {
      name: 'Create PostgreSQL Database',
    });
    await waitFor(() => expect(create).toBeEnabled());
    // Leaving the expiry field checks the request again: wait for that
    // verdict before pressing the button.
    await userEvent.tab();
    await waitFor(() =>
      expect(platformApi.checkCreateResource).toHaveBeenLastCalledWith(
        expect.objectContaining({ expiresAt: inTime }),
      ),
    );
    await waitFor(() => expect(create).toBeEnabled());
    await userEvent.click(create);
    expect(await screen.findByText('Resource page')).toBeInTheDocument();
    expect(platformApi.createResource).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'orders-db', expiresAt: inTime }),
    );
  });

  it('shows an invalid value next to its field', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
    });
    render(platformApi);

    const retention = await screen.findByLabelText(/Backup retention days/);
    await userEvent.clear(retention);
    await userEvent.type(retention, '99');
    expect(
      document.getElementById('root_config_backup_retention_days__error'),
    ).toHaveTextContent('must be <= 35');

    await userEvent.type(screen.getByLabelText(/^Name/), 'Orders');
    expect(document.getElementById('root_name__error')).toHaveTextContent(
      'must start with a lower-case letter',
    );
    expect(platformApi.checkCreateResource).not.toHaveBeenCalled();
  });

  it('creates the resource and opens its page', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
      createResource: async () => resource({ id: 'new-id', state: 'pending' }),
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    await userEvent.type(
      screen.getByLabelText(/^Component/),
      'component:default/shop',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create PostgreSQL Database' }),
    );

    expect(await screen.findByText('Resource page')).toBeInTheDocument();
    expect(platformApi.createResource).toHaveBeenCalledWith({
      offering: 'postgresql-database',
      name: 'orders-db',
      team: 'team-alpha',
      environment: 'development',
      config: {
        size: 'small',
        high_availability: false,
        backup_retention_days: 7,
      },
      component: 'component:default/shop',
    });
  });

  it('says who must approve before submit, then opens the waiting resource', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => ({
        ...allowed,
        approvals: [
          {
            policy: 'cost-approval',
            reason: 'Large databases cost more than 500 € a month',
            approvers: 'group:default/platform-team',
          },
        ],
      }),
      createResource: async () =>
        resource({ id: 'new-id', state: 'awaiting-approval' }),
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    const check = await screen.findByRole('region', { name: 'Policy check' });
    expect(
      await within(check).findByText(
        'Needs approval by platform-team — Large databases cost more than 500 € a month',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create PostgreSQL Database' }),
    );
    expect(await screen.findByText('Resource page')).toBeInTheDocument();
  });

  it('shows why the API refused the request', async () => {
    const { ResponseError } = jest.requireActual('@backstage/errors');
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
      createResource: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'ConflictError', message: 'Name is taken' },
              response: { statusCode: 409 },
              errors: [{ field: 'name', message: 'is taken' }],
            }),
            { status: 409, headers: { 'content-type': 'application/json' } },
          ),
        );
      },
    });
    render(platformApi);

    await userEvent.type(await screen.findByLabelText(/^Name/), 'orders-db');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create PostgreSQL Database' }),
    );
    expect(await screen.findByText('Name is taken')).toBeInTheDocument();
    expect(document.getElementById('root_name__error')).toHaveTextContent(
      'is taken',
    );
  });

  it('points out missing fields on submit', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
    });
    render(platformApi);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create PostgreSQL Database' }),
    );
    await waitFor(() =>
      expect(document.getElementById('root_name__error')).toHaveTextContent(
        'is required',
      ),
    );
    expect(platformApi.createResource).not.toHaveBeenCalled();
  });

  it('lists every group for the platform team', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => postgres,
      checkCreateResource: async () => allowed,
    });
    render(platformApi, ['group:default/platform-team']);
    await userEvent.click(await screen.findByRole('button', { name: /Team/ }));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(
      expect.arrayContaining(['platform-team', 'team-alpha', 'team-beta']),
    );
  });

  it('says so when the user is in no team', async () => {
    const platformApi = mockPlatformApi({ getOffering: async () => postgres });
    render(platformApi, ['user:default/guest']);
    expect(
      await screen.findByText('You are not a member of any team'),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      getOffering: () => new Promise(() => {}),
    });
    render(platformApi);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the offering cannot be read', async () => {
    const platformApi = mockPlatformApi({
      getOffering: async () => {
        throw new Error('No such offering');
      },
    });
    render(platformApi);
    expect(
      (await screen.findAllByText(/No such offering/)).length,
    ).toBeGreaterThan(0);
  });
});
