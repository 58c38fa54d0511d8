import { resourceEntityName } from './catalogEntities';

describe('resourceEntityName', () => {
  it('joins name, environment and team', () => {
    expect(
      resourceEntityName({
        id: '1',
        name: 'orders',
        team: 'team-alpha',
        environment: 'production',
      }),
    ).toBe('orders.production.team-alpha');
  });

  it('stays within 63 characters and unique when names are long', () => {
    const long = {
      name: 'a'.repeat(63),
      team: 'team-alpha',
      environment: 'production',
    };
    const first = resourceEntityName({ ...long, id: 'one' });
    const second = resourceEntityName({ ...long, id: 'two' });
    expect(first.length).toBeLessThanOrEqual(63);
    expect(first).toMatch(/^[a-z0-9]+([-_.][a-z0-9]+)*$/);
    expect(first).not.toBe(second);
  });
});
