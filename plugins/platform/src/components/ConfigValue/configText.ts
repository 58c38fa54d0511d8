/** What an empty value shows: a dash every font has. */
export const emptyText = '—';

/**
 * A configuration, output or secret value as plain text: Yes or No for a
 * boolean, a dash for nothing, lists and maps written out. Backstage's
 * metadata table shows booleans as emoji, which fonts without them draw as
 * empty boxes.
 */
export function configText(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    return emptyText;
  }
  if (typeof value === 'boolean') {
    return value ? 'Yes' : 'No';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? emptyText : value.map(configText).join(', ');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? emptyText
      : entries.map(([key, item]) => `${key}: ${configText(item)}`).join('; ');
  }
  return String(value);
}
