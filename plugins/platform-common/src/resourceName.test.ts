import { resourceNameProblem } from './resourceName';

describe('resourceNameProblem', () => {
  it.each(['orders', 'orders-db', 'a1', 'a'.repeat(63)])('accepts %s', name => {
    expect(resourceNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'is required'],
    ['Orders', 'must start with a lower-case letter'],
    ['1orders', 'must start with a lower-case letter'],
    ['orders-', 'must start with a lower-case letter'],
    ['orders_db', 'must start with a lower-case letter'],
    ['a'.repeat(64), 'must be at most 63 characters'],
  ])('refuses %j', (name, problem) => {
    expect(resourceNameProblem(name)).toContain(problem);
  });
});
