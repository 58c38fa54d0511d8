/** `[[[…]]]`, `depth` levels deep, built without recursion. */
function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) {
    value = [value];
  }
  return value;
}

/** `{"a":{"a":…}}`, `depth` levels deep. */
function nestedObject(depth: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < depth; i++) {
    value = { a: value };
  }
  return value;
}

/** The kinds of field an entry point takes, which decide what is wrong for each. */
export type FieldKind =
  | 'text'
  | 'name'
  | 'ref'
  | 'team'
  | 'id'
  | 'number'
  | 'boolean'
  | 'config';

/**
 * What an entry point must do with a value in a field: refuse it naming the
 * field, take it (a case variant of a team is that team), or either.
 */
export type Expectation = 'refused' | 'accepted' | 'either';

/** Values of one class of attack, for a field of the given kind. */
export interface HostileClass {
  values: (kind: FieldKind, validId: string) => unknown[];
  expect: (kind: FieldKind) => Expectation;
}

const STRICT_KINDS: FieldKind[] = [
  'name',
  'ref',
  'team',
  'id',
  'number',
  'boolean',
  'config',
];

/** Refused where the field has a form (a name, a ref, an id); free text may take it. */
const refusedWhereFormed = (kind: FieldKind): Expectation =>
  STRICT_KINDS.includes(kind) ? 'refused' : 'either';

/**
 * The classes of hostile value every entry point is tried with. A `config`
 * field gets the value as its `replicas`, an integer from 1 to 10, which no
 * value here is.
 */
export const HOSTILE_CLASSES: Record<string, HostileClass> = {
  'deep nesting': {
    values: () => [nestedArray(17), nestedArray(4_000), nestedObject(4_000)],
    expect: () => 'refused',
  },
  'NUL bytes': {
    values: (_kind, id) => ['a\u0000b', '\u0000', `${id}\u0000`],
    expect: () => 'refused',
  },
  'huge strings': {
    values: () => ['x'.repeat(256), 'x'.repeat(10_000)],
    expect: () => 'refused',
  },
  'look-alike Unicode': {
    values: () => [
      'ｔｅａｍ-ａｌｐｈａ', // full width
      'tеam-аlpha', // Cyrillic е and а
      'team-\u212Alpha', // the Kelvin sign, which lowers to k
      '\u202eteam-alpha', // right-to-left override
      'team\u200b-alpha', // zero-width space
    ],
    expect: refusedWhereFormed,
  },
  'wrong types': {
    values: kind => {
      switch (kind) {
        case 'number':
          return ['50', true, null, [], {}];
        case 'boolean':
          return ['true', 1, null, [], {}];
        default:
          return [42, true, null, [], {}, ['team-alpha']];
      }
    },
    expect: () => 'refused',
  },
  'whitespace variants': {
    values: (kind, id) =>
      kind === 'id'
        ? [` ${id}`, `${id}\n`, `${id} `]
        : [' team-alpha', 'team-alpha ', 'team alpha', 'team-alpha\t'],
    expect: refusedWhereFormed,
  },
  'case variants': {
    values: (kind, id) =>
      kind === 'id'
        ? [id.toUpperCase()]
        : ['Team-Alpha', 'TEAM-ALPHA', 'Group:default/Team-Alpha'],
    // Kinds and names of refs are case-insensitive: any case of team-alpha
    // is team-alpha, and of a component a component (which may not exist).
    expect: kind => {
      if (kind === 'team') {
        return 'accepted';
      }
      return kind === 'ref' ? 'either' : refusedWhereFormed(kind);
    },
  },
};
