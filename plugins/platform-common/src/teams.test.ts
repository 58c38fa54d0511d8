import { teamEntityRef, teamNameOf } from './teams';

describe('teams', () => {
  it.each([
    ['team-alpha', 'group:default/team-alpha'],
    ['Team-Alpha', 'group:default/team-alpha'],
    ['ops/dba', 'group:ops/dba'],
  ])('names the group of team %s as %s', (team, ref) => {
    expect(teamEntityRef(team)).toBe(ref);
  });

  it.each([
    ['group:default/team-alpha', 'team-alpha'],
    ['GROUP:Default/team-alpha', 'team-alpha'],
    ['group:ops/dba', 'ops/dba'],
    ['ops/dba', 'ops/dba'],
    ['team-alpha', 'team-alpha'],
    ['group:default/Team-Alpha', 'team-alpha'],
    ['TEAM-ALPHA', 'team-alpha'],
    ['Ops/DBA', 'ops/dba'],
    [{ namespace: 'Ops', name: 'DBA' }, 'ops/dba'],
  ])('names the team of group %s as %s', (ref, team) => {
    expect(teamNameOf(ref)).toBe(team);
  });

  it('reads compound refs as the catalog parses them', () => {
    expect(teamNameOf({ namespace: 'default', name: 'team-beta' })).toBe(
      'team-beta',
    );
    expect(teamNameOf({ namespace: 'ops', name: 'dba' })).toBe('ops/dba');
  });

  it('goes there and back for every stored form', () => {
    for (const team of ['team-alpha', 'ops/dba']) {
      expect(teamNameOf(teamEntityRef(team))).toBe(team);
    }
  });
});
