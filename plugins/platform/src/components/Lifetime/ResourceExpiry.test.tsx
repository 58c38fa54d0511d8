import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { postgres, resource } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ResourceExpiry } from './ResourceExpiry';
import { toLocalInput } from './localDateTime';

const DAY = 24 * 3_600_000;
const now = new Date(2027, 0, 1, 12, 0).getTime();

function render(
  platformApi: PlatformApi,
  fields: Parameters<typeof resource>[0],
  offering = postgres,
) {
  const onExtended = jest.fn();
  renderPlatformPage(
    <ResourceExpiry
      resource={resource(fields)}
      offering={offering}
      onExtended={onExtended}
    />,
    { apis: [[platformApiRef, platformApi]] },
  );
  return onExtended;
}

const inDevelopment = {
  environment: 'development',
  expiresAt: new Date(now + 6.5 * DAY).toISOString(),
};

async function openDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Extend' }));
  return screen.findByRole('dialog', { name: 'Extend orders-db' });
}

describe('ResourceExpiry', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(now);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the time left and extends by the default lifetime, at most the maximum', async () => {
    const platformApi = mockPlatformApi({
      extendResource: async () => resource(),
    });
    const onExtended = render(platformApi, inDevelopment);

    expect(await screen.findByText('expires in 6 days')).toBeInTheDocument();
    const dialog = await openDialog();
    const input = within(dialog).getByLabelText(/New expiry/);
    // Development resources live 7 days by default, 30 at most.
    expect(input).toHaveValue(toLocalInput(new Date(now + 7 * DAY)));
    expect(input).toHaveAttribute(
      'max',
      toLocalInput(new Date(now + 30 * DAY)),
    );
    expect(within(dialog).getByText(/At most 30 days from now/)).toBeVisible();

    fireEvent.change(input, { target: { value: '2027-01-20T09:30' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );

    await waitFor(() => expect(onExtended).toHaveBeenCalled());
    expect(platformApi.extendResource).toHaveBeenCalledWith(
      'r1',
      new Date(2027, 0, 20, 9, 30).toISOString(),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it("shows the API's refusal of the time at the field", async () => {
    const { ResponseError } = jest.requireActual('@backstage/errors');
    // The browser keeps the input within its maximum; the API, whose clock
    // decides, may still refuse.
    const message = 'must be at most P30D from now';
    const platformApi = mockPlatformApi({
      extendResource: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'InputError', message: `expiresAt ${message}` },
              response: { statusCode: 400 },
              errors: [{ field: 'expiresAt', message }],
            }),
            { status: 400, headers: { 'content-type': 'application/json' } },
          ),
        );
      },
    });
    const onExtended = render(platformApi, inDevelopment);

    const dialog = await openDialog();
    const input = within(dialog).getByLabelText(/New expiry/);
    fireEvent.change(input, { target: { value: '2027-01-31T12:00' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );

    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(onExtended).not.toHaveBeenCalled();
  });

  it('shows any other failure as an alert', async () => {
    const platformApi = mockPlatformApi({
      extendResource: async () => {
        throw new Error('Platform API unavailable');
      },
    });
    render(platformApi, inDevelopment);
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );
    expect(
      await within(dialog).findByText('Platform API unavailable'),
    ).toBeInTheDocument();
  });

  it('says when the resource has expired', async () => {
    render(mockPlatformApi(), {
      expiresAt: new Date(now - DAY).toISOString(),
    });
    expect(await screen.findByText('expired')).toBeInTheDocument();
  });

  it('shows nothing for a resource that never expires or is being deleted', async () => {
    renderPlatformPage(
      <>
        <p>Rendered</p>
        <ResourceExpiry
          resource={resource({ expiresAt: null })}
          offering={postgres}
          onExtended={jest.fn()}
        />
        <ResourceExpiry
          resource={resource({ ...inDevelopment, state: 'deleting' })}
          offering={postgres}
          onExtended={jest.fn()}
        />
      </>,
      { apis: [[platformApiRef, mockPlatformApi()]] },
    );
    expect(await screen.findByText('Rendered')).toBeInTheDocument();
    expect(screen.queryByText(/expire/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Extend' }),
    ).not.toBeInTheDocument();
  });
});
