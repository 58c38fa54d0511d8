import { snakeCaseLabels } from './snakeCaseLabels';

/**
 * Joins the metric families of a Prometheus exposition that share a name.
 *
 * OpenTelemetry serializes each instrumentation scope on its own, so a metric
 * that several plugins record under one name (Backstage's scheduler metrics,
 * one meter per plugin) comes out as several families with the same name:
 * a second `# HELP` for a name is invalid exposition, and Prometheus drops the
 * scrape. The samples differ by their `otel_scope_name` label, so one header
 * with all of them is the same data, valid. Label names become snake_case.
 */
export function mergeMetricFamilies(text: string): string {
  const families = new Map<string, { header: string[]; samples: string[] }>();
  const loose: string[] = [];
  let current: { header: string[]; samples: string[] } | undefined;
  for (const line of text.split('\n')) {
    const meta = line.match(/^# (HELP|TYPE|UNIT) (\S+)/);
    if (meta) {
      const name = meta[2];
      let family = families.get(name);
      if (!family) {
        family = { header: [], samples: [] };
        families.set(name, family);
      }
      if (!family.header.some(h => h.startsWith(`# ${meta[1]} `))) {
        family.header.push(line);
      }
      current = family;
    } else if (line.trim() === '' || line.startsWith('#')) {
      if (line.trim() !== '') loose.push(line);
    } else if (current) {
      current.samples.push(snakeCaseLabels(line));
    } else {
      loose.push(line);
    }
  }
  const blocks = [...families.values()].map(f =>
    [...f.header, ...f.samples].join('\n'),
  );
  return `${[...loose, ...blocks].join('\n\n')}\n`;
}
