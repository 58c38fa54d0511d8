import { snakeCaseLabels } from './snakeCaseLabels';

describe('snakeCaseLabels', () => {
  it.each([
    ['a_total{taskId="x",result="ok"} 1', 'a_total{task_id="x",result="ok"} 1'],
    [
      'a{otel_scope_name="p",taskId="t"} 2',
      'a{otel_scope_name="p",task_id="t"} 2',
    ],
    // Values keep their case, commas, quotes and escapes.
    [
      'a{taskId="camelCase,x=\\"y\\"",b="}"} 3',
      'a{task_id="camelCase,x=\\"y\\"",b="}"} 3',
    ],
    ['a 4', 'a 4'],
    ['# HELP a taskId', '# HELP a taskId'],
  ])('%s', (line, expected) => {
    expect(snakeCaseLabels(line)).toBe(expected);
  });
});
