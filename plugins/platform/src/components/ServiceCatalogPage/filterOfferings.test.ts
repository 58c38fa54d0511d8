import { offerings } from '../../__testUtils__/fixtures';
import { distinctValues, filterOfferings } from './filterOfferings';

describe('filterOfferings', () => {
  const all = { type: '', tier: '', search: '' };

  it('keeps everything without a filter', () => {
    expect(filterOfferings(offerings, all)).toEqual(offerings);
  });

  it('filters by type and tier', () => {
    expect(
      filterOfferings(offerings, { ...all, type: 'database' }).map(o => o.id),
    ).toEqual(['postgresql-database']);
    expect(filterOfferings(offerings, { ...all, tier: 'premium' })).toEqual([]);
  });

  it('matches every word of the search in any order and case', () => {
    expect(
      filterOfferings(offerings, { ...all, search: 'BACKUPS managed' }).map(
        o => o.id,
      ),
    ).toEqual(['postgresql-database']);
    expect(filterOfferings(offerings, { ...all, search: 'mainframe' })).toEqual(
      [],
    );
  });

  it('lists distinct values sorted', () => {
    expect(distinctValues(offerings, 'type')).toEqual([
      'compute',
      'database',
      'networking',
    ]);
    expect(distinctValues(offerings, 'tier')).toEqual(['standard']);
  });
});
