/**
 * Mutations of valid documents for the agreement property: replace a value, delete a key or element,
 * add a key that some shape forbids, or swap in a near-miss address string.
 */
import fc from 'fast-check';

type Json = unknown;
type Path = readonly (string | number)[];

/** Strings that sit on the edge of what the address checkers accept. */
export const NEAR_MISS_STRINGS = [
  '10.1.2.3/33',
  '010.1.2.3/8',
  '10.1.2/8',
  '10.1.2.3/08',
  ' 10.1.2.3/8',
  '10.1.2.3',
  '::1/129',
  'fe80::1%eth0/64',
  'FE80::1/64',
  '::ffff:10.1.2.3/120',
  '1:2:3:4:5:6:7::/64',
  '1:2:3:4:5:6:7:8:9/64',
  '::/0',
  '0.0.0.0/0',
  'fe80::1',
  '1.2.3.4',
  '256.1.1.1',
  '',
  '4',
  '6',
  'true',
  '1.1',
  '1.0.0',
  'c2:11:22:33:44:5g',
];

/** Keys some shape forbids or requires, so adding or deleting them is interesting. */
const TRICKY_KEYS = ['interfaces', 'ips', 'ip4', 'ip6', 'version', 'interface', 'cniVersion', 'zz-unknown'];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

function parentOf(root: Json, path: Path): Record<string | number, Json> | undefined {
  let node = root as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, Json>;
  return node;
}

type Mutation =
  | { kind: 'replace'; value: Json }
  | { kind: 'delete' }
  | { kind: 'add-key'; key: string; value: Json }
  | { kind: 'wrap' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.constantFrom(...NEAR_MISS_STRINGS) }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({
    kind: fc.constant('add-key' as const),
    key: fc.constantFrom(...TRICKY_KEYS),
    value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(...NEAR_MISS_STRINGS)),
  }),
  fc.record({ kind: fc.constant('wrap' as const) }),
);

function apply(original: Json, path: Path, change: Mutation): Json {
  const root = structuredClone(original);
  if (path.length === 0) {
    if (change.kind === 'replace') return change.value;
    if (change.kind === 'wrap') return [root];
    if (change.kind === 'add-key' && root !== null && typeof root === 'object' && !Array.isArray(root)) {
      return { ...root, [change.key]: change.value };
    }
    return root;
  }
  const parent = parentOf(root, path);
  const last = path.at(-1) as string | number;
  if (!parent) return root;
  if (change.kind === 'replace') parent[last] = change.value;
  else if (change.kind === 'wrap') parent[last] = [parent[last]];
  else if (change.kind === 'delete' && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (change.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      (target as Record<string, Json>)[change.key] = change.value;
    }
  }
  return root;
}

/** One random mutation of a value drawn from `valid`. */
export function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.tuple(valid, fc.nat(), mutation).map(([value, index, change]) => {
    const paths = pathsOf(value);
    return apply(value, paths[index % paths.length] ?? [], change);
  });
}
