/**
 * Resources name their team as the group's name, or `namespace/name` for a
 * group outside the default namespace; permissions, notifications and the
 * catalog speak of the group's entity ref. These two functions are the only
 * conversion between the two, for the browser and the server alike.
 */

const DEFAULT_NAMESPACE = 'default';

/**
 * The group entity ref of a team as resources name it, in the canonical
 * (lower-case) form entity refs are compared in.
 *
 * @public
 */
export function teamEntityRef(team: string): string {
  const slash = team.indexOf('/');
  const namespace = slash < 0 ? DEFAULT_NAMESPACE : team.slice(0, slash);
  const name = slash < 0 ? team : team.slice(slash + 1);
  return `group:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The team name resources store for a group, given as an entity ref
 * (`group:default/team-alpha`), a `namespace/name` or a bare name: lower
 * case, as entity refs are compared, so that `Team-Alpha` is the same team
 * with the same quota, budget and resources.
 *
 * @public
 */
export function teamNameOf(
  group: string | { namespace?: string; name: string },
): string {
  let namespace: string;
  let name: string;
  if (typeof group === 'string') {
    const withoutKind = group.replace(/^group:/i, '');
    const slash = withoutKind.indexOf('/');
    namespace = slash < 0 ? DEFAULT_NAMESPACE : withoutKind.slice(0, slash);
    name = slash < 0 ? withoutKind : withoutKind.slice(slash + 1);
  } else {
    namespace = group.namespace ?? DEFAULT_NAMESPACE;
    name = group.name;
  }
  const team =
    namespace.toLocaleLowerCase('en-US') === DEFAULT_NAMESPACE
      ? name
      : `${namespace}/${name}`;
  return team.toLocaleLowerCase('en-US');
}
