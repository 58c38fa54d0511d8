import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TeamDirectory } from './TeamDirectory';

const teamAlpha = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-alpha', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('TeamDirectory', () => {
  const credentials = mockCredentials.user();

  it('asks the catalog once while it remembers a group that exists', async () => {
    const catalog = catalogServiceMock({ entities: [teamAlpha] });
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const teams = new TeamDirectory(catalog);

    await expect(teams.exists('team-alpha', credentials)).resolves.toBe(true);
    await expect(
      teams.exists('group:default/team-alpha', credentials),
    ).resolves.toBe(true);

    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups).toHaveBeenCalledWith(
      { entityRefs: ['group:default/team-alpha'], fields: ['kind'] },
      { credentials },
    );
  });

  it('asks again about a group that does not exist, and after the window', async () => {
    const catalog = catalogServiceMock({ entities: [teamAlpha] });
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const forgetful = new TeamDirectory(catalog, { rememberMs: 0 });

    await expect(forgetful.exists('team-gamma', credentials)).resolves.toBe(
      false,
    );
    await expect(forgetful.exists('team-gamma', credentials)).resolves.toBe(
      false,
    );
    await expect(forgetful.exists('team-alpha', credentials)).resolves.toBe(
      true,
    );
    await expect(forgetful.exists('team-alpha', credentials)).resolves.toBe(
      true,
    );

    expect(lookups).toHaveBeenCalledTimes(4);
  });
});
