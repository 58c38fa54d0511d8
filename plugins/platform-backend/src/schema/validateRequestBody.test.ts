import { validateRequestBody } from './validateRequestBody';

describe('validateRequestBody', () => {
  const create = {
    offering: 'web-application',
    name: 'storefront',
    team: 'team-alpha',
    environment: 'development',
    config: { replicas: 2, labels: { tier: 'web' } },
  };

  it('accepts a body the spec accepts', () => {
    expect(validateRequestBody('CreateResourceRequest', create)).toEqual([]);
    expect(
      validateRequestBody('CreateResourceRequest', {
        ...create,
        expiresAt: null,
      }),
    ).toEqual([]);
  });

  it('names every missing field at once', () => {
    expect(validateRequestBody('CreateResourceRequest', {})).toEqual([
      { field: 'offering', message: 'is required' },
      { field: 'name', message: 'is required' },
      { field: 'team', message: 'is required' },
      { field: 'environment', message: 'is required' },
    ]);
  });

  it('finds control characters and long texts at any depth of the configuration', () => {
    expect(
      validateRequestBody('CreateResourceRequest', {
        ...create,
        team: 'team\u0000alpha',
        config: { labels: { tier: 'a\u001bb' }, notes: ['x'.repeat(256)] },
      }),
    ).toEqual([
      { field: 'team', message: 'must not contain control characters' },
      {
        field: 'config.labels.tier',
        message: 'must not contain control characters',
      },
      { field: 'config.notes.0', message: 'must be at most 255 characters' },
    ]);
  });

  it('says in words what a pattern asks for', () => {
    expect(
      validateRequestBody('CreateResourceRequest', {
        ...create,
        name: 'Store_Front',
      }),
    ).toEqual([
      {
        field: 'name',
        message: expect.stringContaining('must start with a lower-case letter'),
      },
    ]);
  });

  it('names unknown fields, wrong types and malformed times', () => {
    expect(
      validateRequestBody('ApprovalDecisionInput', {
        comment: 42,
        approve: true,
      }),
    ).toEqual([
      { field: 'approve', message: 'is not a known field' },
      { field: 'comment', message: 'must be a string' },
    ]);
    expect(
      validateRequestBody('ExtendResourceRequest', { expiresAt: 'tomorrow' }),
    ).toEqual([
      {
        field: 'expiresAt',
        message: expect.stringMatching(/^must be a date and time in ISO 8601/),
      },
    ]);
    expect(
      validateRequestBody('ReportProblemRequest', {
        category: 'billing',
        description: '',
      }),
    ).toEqual([
      {
        field: 'category',
        message:
          'must be one of: provisioning, access, performance, documentation, other',
      },
      { field: 'description', message: 'is required' },
    ]);
  });

  it('refuses numbers that are not finite, as JSON 1e309 parses', () => {
    expect(
      validateRequestBody('SurveyAnswerRequest', { score: Infinity }),
    ).toEqual([{ field: 'score', message: 'must be at most 10' }]);
  });

  it('refuses anything but an object as the body', () => {
    expect(validateRequestBody('UpdateResourceRequest', ['config'])).toEqual([
      { field: 'body', message: 'must be a JSON object' },
    ]);
  });
});
