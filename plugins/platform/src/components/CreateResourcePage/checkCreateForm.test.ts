import { postgres } from '../../__testUtils__/fixtures';
import { checkCreateForm, shownProblems } from './checkCreateForm';

describe('checkCreateForm', () => {
  const complete = {
    name: 'orders-db',
    team: 'team-alpha',
    environment: 'production',
    config: {
      size: 'small',
      high_availability: true,
      backup_retention_days: 7,
    },
  };

  it('builds the request with defaults filled in', () => {
    expect(
      checkCreateForm(postgres, { ...complete, config: {}, component: ' ' }),
    ).toEqual({
      problems: [],
      request: {
        offering: 'postgresql-database',
        name: 'orders-db',
        team: 'team-alpha',
        environment: 'production',
        config: {
          size: 'small',
          high_availability: false,
          backup_retention_days: 7,
        },
        component: undefined,
        system: undefined,
      },
    });
  });

  it('lists every problem with its field', () => {
    const { request, problems } = checkCreateForm(postgres, {
      name: 'Orders',
      config: { backup_retention_days: 99 },
    });
    expect(request).toBeUndefined();
    expect(problems.map(p => p.field)).toEqual([
      'name',
      'team',
      'environment',
      'config.backup_retention_days',
    ]);
  });

  it('hides fields that are only still empty until a submit', () => {
    const { problems } = checkCreateForm(postgres, {});
    expect(shownProblems(problems, false)).toEqual([]);
    expect(shownProblems(problems, true).map(p => p.field)).toEqual([
      'name',
      'team',
      'environment',
    ]);
  });
});
