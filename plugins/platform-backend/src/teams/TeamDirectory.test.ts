import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TeamDirectory } from './TeamDirectory';
import { TEST_ORG_ORIGIN, teamGroup } from '../__testUtils__/teams';
import { TrustedOrigins } from './TrustedOrigins';

const teamAlpha = { kind: 'group', namespace: 'default', name: 'team-alpha' };

describe('TeamDirectory', () => {
  const credentials = mockCredentials.user();
  const catalog = catalogServiceMock({
    entities: [
      teamGroup('team-alpha'),
      teamGroup(
        'my-own-team',
        'url:https://github.com/someone/fork/blob/main/g.yaml',
      ),
    ],
  });
  const trustedOrigins = new TrustedOrigins([TEST_ORG_ORIGIN]);

  it('accepts a group from a trusted origin and remembers it for a while', async () => {
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const teams = new TeamDirectory({ catalog, trustedOrigins });

    await expect(
      teams.problem(teamAlpha, credentials),
    ).resolves.toBeUndefined();
    await expect(
      teams.problem(teamAlpha, credentials),
    ).resolves.toBeUndefined();

    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups).toHaveBeenCalledWith(
      {
        entityRefs: ['group:default/team-alpha'],
        fields: ['kind', 'metadata.annotations'],
      },
      { credentials },
    );
    lookups.mockRestore();
  });

  it('refuses a group that someone registered themselves, saying why', async () => {
    const teams = new TeamDirectory({ catalog, trustedOrigins });

    await expect(
      teams.problem(
        { kind: 'group', namespace: 'default', name: 'my-own-team' },
        credentials,
      ),
    ).resolves.toBe(
      "'group:default/my-own-team' is not a team of the platform: its group comes from url:https://github.com/someone/fork/blob/main/g.yaml, which is not one of the organisation's trusted origins (platform.teams.trustedOrigins)",
    );
  });

  it('refuses a group that is not in the catalog, asking again each time', async () => {
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const teams = new TeamDirectory({ catalog, trustedOrigins, rememberMs: 0 });
    const gamma = { kind: 'group', namespace: 'default', name: 'team-gamma' };

    await expect(teams.problem(gamma, credentials)).resolves.toBe(
      "'group:default/team-gamma' is not a group in the catalog",
    );
    await expect(teams.problem(gamma, credentials)).resolves.toBeDefined();
    await expect(
      teams.problem(teamAlpha, credentials),
    ).resolves.toBeUndefined();
    await expect(
      teams.problem(teamAlpha, credentials),
    ).resolves.toBeUndefined();

    expect(lookups).toHaveBeenCalledTimes(4);
    lookups.mockRestore();
  });
});
