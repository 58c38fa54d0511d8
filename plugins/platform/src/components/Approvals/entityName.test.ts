import { entityName } from './entityName';

describe('entityName', () => {
  it('leaves out the usual kind and namespace', () => {
    expect(entityName('group:default/platform-team', 'group')).toBe(
      'platform-team',
    );
    expect(entityName('user:default/jane', 'user')).toBe('jane');
  });

  it('keeps what is not usual', () => {
    expect(entityName('group:ops/platform-team', 'group')).toBe(
      'ops/platform-team',
    );
    expect(entityName('user:default/jane', 'group')).toBe('user:jane');
  });

  it('shows a value that is no entity ref as it is', () => {
    expect(entityName('', 'group')).toBe('');
  });
});
