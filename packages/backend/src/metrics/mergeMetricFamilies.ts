import { snakeCaseLabels } from './snakeCaseLabels';

type Family = { name: string; header: string[]; samples: string[] };

/** Suffixes Prometheus keeps for the series of histograms and summaries. */
const RESERVED_SUFFIX = /_(count|sum|bucket)$/;

/**
 * A gauge or counter named like a histogram's series (Backstage's
 * `catalog_entities_count` gauge) loses the suffix: `catalog_entities`.
 */
function withoutReservedSuffix(family: Family, taken: Set<string>): Family {
  const type = family.header
    .find(line => line.startsWith('# TYPE '))
    ?.split(' ')[3];
  if (type === 'histogram' || type === 'summary') return family;
  const name = family.name.replace(RESERVED_SUFFIX, '');
  if (name === family.name || taken.has(name)) return family;
  return {
    name,
    header: family.header.map(line =>
      line.replace(/^(# \w+ )\S+/, `$1${name}`),
    ),
    samples: family.samples.map(line =>
      line.startsWith(family.name)
        ? name + line.slice(family.name.length)
        : line,
    ),
  };
}

/**
 * Makes an exposition of OpenTelemetry metrics valid for Prometheus.
 *
 * OpenTelemetry serializes each instrumentation scope on its own, so a metric
 * that several plugins record under one name (Backstage's scheduler metrics,
 * one meter per plugin) comes out as several families with the same name:
 * a second `# HELP` for a name is invalid exposition, and Prometheus drops the
 * scrape. The samples differ by their `otel_scope_name` label, so one header
 * with all of them is the same data, valid. Label names become snake_case,
 * and gauges lose a `_count`, `_sum` or `_bucket` suffix.
 */
export function mergeMetricFamilies(text: string): string {
  const families = new Map<string, Family>();
  const loose: string[] = [];
  let current: Family | undefined;
  for (const line of text.split('\n')) {
    const meta = line.match(/^# (HELP|TYPE|UNIT) (\S+)/);
    if (meta) {
      const name = meta[2];
      let family = families.get(name);
      if (!family) {
        family = { name, header: [], samples: [] };
        families.set(name, family);
      }
      if (!family.header.some(h => h.startsWith(`# ${meta[1]} `))) {
        family.header.push(line);
      }
      current = family;
    } else if (line.trim() === '') {
      continue;
    } else if (line.startsWith('#') || !current) {
      loose.push(line);
    } else {
      current.samples.push(snakeCaseLabels(line));
    }
  }
  const taken = new Set(families.keys());
  const blocks = [...families.values()]
    .map(family => withoutReservedSuffix(family, taken))
    .map(family => [...family.header, ...family.samples].join('\n'));
  return `${[...loose, ...blocks].join('\n\n')}\n`;
}
