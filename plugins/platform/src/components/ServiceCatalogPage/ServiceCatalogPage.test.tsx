import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { platformApiRef } from '../../api/PlatformApi';
import { offerings } from '../../__testUtils__/fixtures';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { renderPlatformPage } from '../../__testUtils__/renderPlatformPage';
import { ServiceCatalogPage } from './ServiceCatalogPage';

describe('ServiceCatalogPage', () => {
  it('shows every offering as a card', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
    });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });

    expect(
      await screen.findByRole('heading', { name: 'Platform', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('PostgreSQL Database')).toBeInTheDocument();
    expect(screen.getByText('Web Application')).toBeInTheDocument();
    expect(screen.getByText('needs web-application')).toBeInTheDocument();
    expect(screen.getByText('database · standard · v13')).toBeInTheDocument();
    const card = screen.getByRole('article', { name: 'PostgreSQL Database' });
    expect(
      within(card).getByText('Owned by platform-team'),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'Create PostgreSQL Database' }),
    ).toHaveAttribute('href', '/platform/create/postgresql-database');
    expect(
      within(card).getByRole('link', {
        name: /^Documentation of PostgreSQL Database/,
      }),
    ).toHaveAttribute('href', 'https://docs.company.com/platform/postgresql');
  });

  it('links to every section of the platform', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
    });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    expect(
      await screen.findByRole('tab', { name: 'Service catalog' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Resources' })).toHaveAttribute(
      'href',
      '/platform/resources',
    );
    expect(screen.getByRole('tab', { name: 'Health' })).toHaveAttribute(
      'href',
      '/platform/health',
    );
  });

  it('filters by type, tier and text', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => offerings,
    });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    await screen.findByText('PostgreSQL Database');

    await userEvent.selectOptions(screen.getByLabelText('Type'), 'networking');
    expect(screen.getByText('API Gateway')).toBeInTheDocument();
    expect(screen.queryByText('PostgreSQL Database')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3 offerings');

    await userEvent.selectOptions(screen.getByLabelText('Type'), '');
    await userEvent.type(screen.getByLabelText('Search'), 'kubernetes');
    expect(screen.getByText('Web Application')).toBeInTheDocument();
    expect(screen.queryByText('API Gateway')).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Tier'), 'standard');
    expect(screen.getByText('Web Application')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: () => new Promise(() => {}),
    });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says so when there are no offerings', async () => {
    const platformApi = mockPlatformApi({ listOfferings: async () => [] });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    expect(await screen.findByText('No offerings yet')).toBeInTheDocument();
  });

  it('shows the error when the Platform API fails', async () => {
    const platformApi = mockPlatformApi({
      listOfferings: async () => {
        throw new Error('Platform API is down');
      },
    });
    renderPlatformPage(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    const messages = await screen.findAllByText(/Platform API is down/);
    expect(messages.length).toBeGreaterThan(0);
    expect(screen.queryByText('PostgreSQL Database')).not.toBeInTheDocument();
  });
});
