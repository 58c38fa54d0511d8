import { TestApiProvider } from '@backstage/test-utils';
import { renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { platformApiRef } from '../api/PlatformApi';
import { mockPlatformApi } from '../__testUtils__/mockPlatformApi';
import { useEnvironments } from './useEnvironments';

describe('useEnvironments', () => {
  it('answers the environments the Platform API configures, in its order', async () => {
    const platformApi = mockPlatformApi({
      listEnvironments: async () => ['dev', 'prod'],
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[platformApiRef, platformApi]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useEnvironments(), { wrapper });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toEqual(['dev', 'prod']));
    expect(platformApi.listEnvironments).toHaveBeenCalledTimes(1);
  });
});
