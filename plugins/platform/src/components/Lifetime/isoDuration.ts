/*
 * ISO 8601 durations as `platform.lifetimes` writes them (P7D, PT2H, P1M).
 * A few lines here rather than luxon in the browser bundle; lengths follow
 * luxon's casual conversion, which the API uses: a month is 30 days, a year
 * 365.
 */

const UNITS = [
  { name: 'year', designator: 'Y', time: false, hours: 365 * 24 },
  { name: 'month', designator: 'M', time: false, hours: 30 * 24 },
  { name: 'week', designator: 'W', time: false, hours: 7 * 24 },
  { name: 'day', designator: 'D', time: false, hours: 24 },
  { name: 'hour', designator: 'H', time: true, hours: 1 },
  { name: 'minute', designator: 'M', time: true, hours: 1 / 60 },
  { name: 'second', designator: 'S', time: true, hours: 1 / 3600 },
] as const;

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const PATTERN = new RegExp(
  `^P${UNITS.filter(unit => !unit.time)
    .map(unit => `(?:${NUMBER}${unit.designator})?`)
    .join('')}(?:T${UNITS.filter(unit => unit.time)
    .map(unit => `(?:${NUMBER}${unit.designator})?`)
    .join('')})?$`,
);

/** The amount of each unit a duration names, in the order of `UNITS`; undefined when it is not one. */
function parse(
  text: string,
): { name: string; amount: number; hours: number }[] | undefined {
  const upper = text.trim().toUpperCase();
  const match = PATTERN.exec(upper);
  // The pattern lets "P", "PT" and "P1DT" through: a "T" must have a time after it.
  if (!match || upper === 'P' || upper.endsWith('T')) {
    return undefined;
  }
  return UNITS.map((unit, index) => ({
    name: unit.name,
    amount: Number((match[index + 1] ?? '0').replace(',', '.')),
    hours: unit.hours,
  })).filter(part => part.amount > 0);
}

/** The duration's length in milliseconds; undefined when it is not a duration. */
export function durationMillis(text: string): number | undefined {
  const parts = parse(text);
  return parts?.reduce(
    (total, part) => total + part.amount * part.hours * 3_600_000,
    0,
  );
}

/** `P7D` → "7 days", `P1DT12H` → "1 day and 12 hours"; the text itself when it is not a duration. */
export function durationInWords(text: string): string {
  const parts = parse(text);
  if (!parts || parts.length === 0) {
    return text;
  }
  const words = parts.map(
    part => `${part.amount} ${part.name}${part.amount === 1 ? '' : 's'}`,
  );
  return words.length === 1
    ? words[0]
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
