/** `taskId` → `task_id`: Prometheus label names are snake_case. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Rewrites the label names of one sample line in snake_case, leaving the
 * quoted values untouched. Backstage's scheduler labels its metrics with
 * `taskId`, which `promtool check metrics` reports as a problem.
 */
export function snakeCaseLabels(line: string): string {
  const open = line.indexOf('{');
  if (open < 0 || line.startsWith('#')) {
    return line;
  }
  let out = line.slice(0, open + 1);
  let i = open + 1;
  while (i < line.length && line[i] !== '}') {
    const equals = line.indexOf('=', i);
    if (equals < 0 || line[equals + 1] !== '"') {
      return line; // not a label set this parser understands
    }
    out += `${snakeCase(line.slice(i, equals))}="`;
    i = equals + 2;
    // The quoted value, with its escapes, as it is.
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\') {
        out += line[i++];
      }
      out += line[i++];
    }
    out += '"';
    i++;
    if (line[i] === ',') {
      out += ',';
      i++;
    }
  }
  return out + line.slice(i);
}
