import { toErrorSchema } from './formErrors';

describe('toErrorSchema', () => {
  it('nests messages by their field path', () => {
    expect(
      toErrorSchema([
        { field: 'name', message: 'is required' },
        { field: 'config.replicas', message: 'must be <= 10' },
        { field: 'config.replicas', message: 'must be integer' },
        { message: 'refused' },
      ]),
    ).toEqual({
      __errors: ['refused'],
      name: { __errors: ['is required'] },
      config: { replicas: { __errors: ['must be <= 10', 'must be integer'] } },
    });
  });
});
