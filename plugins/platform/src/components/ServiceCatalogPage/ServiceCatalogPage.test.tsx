import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  builtinOfferings,
  offeringConfigSchema,
} from '@internal/plugin-platform-common';
import { screen } from '@testing-library/react';
import { platformApiRef } from '../../api/PlatformApi';
import { ServiceCatalogPage } from './ServiceCatalogPage';

describe('ServiceCatalogPage', () => {
  it('shows every offering as a card', async () => {
    const platformApi = {
      listOfferings: jest.fn(async () =>
        builtinOfferings.map(o => ({ ...o, schema: offeringConfigSchema(o) })),
      ),
      getOffering: jest.fn(),
    };
    renderInTestApp(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });

    expect(
      await screen.findByRole('heading', { name: 'Platform', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('PostgreSQL Database')).toBeInTheDocument();
    expect(screen.getByText('Web Application')).toBeInTheDocument();
    expect(screen.getByText('needs web-application')).toBeInTheDocument();
    expect(screen.getByText('database · standard · v13')).toBeInTheDocument();
  });

  it('shows the error when the Platform API fails', async () => {
    const platformApi = {
      listOfferings: jest.fn(async () => {
        throw new Error('Platform API is down');
      }),
      getOffering: jest.fn(),
    };
    renderInTestApp(<ServiceCatalogPage />, {
      apis: [[platformApiRef, platformApi]],
    });
    const messages = await screen.findAllByText(/Platform API is down/);
    expect(messages.length).toBeGreaterThan(0);
    expect(screen.queryByText('PostgreSQL Database')).not.toBeInTheDocument();
  });
});
