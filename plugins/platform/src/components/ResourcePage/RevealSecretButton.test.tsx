import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { mockPlatformApi } from '../../__testUtils__/mockPlatformApi';
import { RevealSecretButton } from './RevealSecretButton';

// usePermission caches decisions per resource: each test has its own.
function render(platformApi: PlatformApi, resourceId: string) {
  return renderInTestApp(<RevealSecretButton resourceId={resourceId} />, {
    apis: [
      [platformApiRef, platformApi],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

describe('RevealSecretButton', () => {
  it('reveals and hides the secret for users who may read it', async () => {
    const platformApi = mockPlatformApi({
      getResourceSecret: async () => ({ password: 's3cret' }),
    });
    render(platformApi, 'r1');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal connection secret' }),
    );
    expect(await screen.findByText('s3cret')).toBeInTheDocument();
    expect(platformApi.getResourceSecret).toHaveBeenCalledWith('r1');

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide connection secret' }),
    );
    expect(screen.queryByText('s3cret')).not.toBeInTheDocument();
  });

  it('shows nothing to users who may not read it', async () => {
    const decide = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    renderInTestApp(<RevealSecretButton resourceId="r2" />, {
      apis: [
        [platformApiRef, mockPlatformApi()],
        mockApis.permission({ authorize: decide }),
      ],
    });
    await waitFor(() => expect(decide).toHaveBeenCalled());
    await act(async () => {});
    expect(
      screen.queryByRole('button', { name: 'Reveal connection secret' }),
    ).not.toBeInTheDocument();
  });

  it('shows why the secret could not be read', async () => {
    const platformApi = mockPlatformApi({
      getResourceSecret: async () => {
        throw new Error('Not allowed');
      },
    });
    render(platformApi, 'r3');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal connection secret' }),
    );
    expect(await screen.findByText('Not allowed')).toBeInTheDocument();
  });
});
