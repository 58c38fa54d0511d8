import { quotaText } from './quotaText';

describe('quotaText', () => {
  it('names the use, the limit and the offering', () => {
    expect(
      quotaText(
        { team: 't', offering: 'postgresql-database', used: 3, limit: 5 },
        'PostgreSQL Database',
      ),
    ).toBe('3 of 5 PostgreSQL Database resources used');
  });

  it('says when there is no limit', () => {
    expect(
      quotaText({ team: 't', offering: 'x', used: 1 }, 'Web Application'),
    ).toBe('1 Web Application resource used, no limit');
  });
});
