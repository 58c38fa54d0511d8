import { OfferingWithSchema } from '@idp-kit/plugin-platform-common';

/**
 * What the service catalog is narrowed to; empty values match everything.
 */
export interface OfferingFilter {
  type: string;
  tier: string;
  search: string;
}

/** The offerings that match the filter, in their original order. */
export function filterOfferings(
  offerings: OfferingWithSchema[],
  filter: OfferingFilter,
): OfferingWithSchema[] {
  const words = filter.search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return offerings.filter(offering => {
    if (filter.type && offering.type !== filter.type) {
      return false;
    }
    if (filter.tier && offering.tier !== filter.tier) {
      return false;
    }
    if (words.length === 0) {
      return true;
    }
    const text = [
      offering.name,
      offering.id,
      offering.description,
      offering.type,
      offering.ownerTeam,
    ]
      .join(' ')
      .toLocaleLowerCase();
    return words.every(word => text.includes(word));
  });
}

/** The distinct values of a field, sorted, for a filter's choices. */
export function distinctValues(
  offerings: OfferingWithSchema[],
  field: 'type' | 'tier',
): string[] {
  return [...new Set(offerings.map(offering => offering[field]))].sort();
}
