/**
 * R-REQ-3, the shapes: every well-known capability argument in `runtimeConfig` must have its CONVENTIONS.md shape
 * (src/spec/capabilities.ts), whatever the harness passed. Go field names (`HostPort`) are named as such, since
 * the loose models would otherwise let them ride along unnoticed.
 */
import { CAPABILITY_SCHEMAS, type CapabilityName } from '../../spec/capabilities.ts';

type Json = Record<string, unknown>;

const isCapability = (name: string): name is CapabilityName => name in CAPABILITY_SCHEMAS;

function jsonPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    base,
  );
}

/** Keys that match a conventional key only when case is ignored (Go's exported field names). */
function miscasedKeys(value: unknown, path: string, known: readonly string[]): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => miscasedKeys(item, `${path}[${index}]`, known));
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const meant = known.find((name) => name !== key && name.toLowerCase() === key.toLowerCase());
    const here = meant ? [`${path}.${key}: CONVENTIONS spells it ${meant}`] : [];
    return [...here, ...miscasedKeys((value as Json)[key], `${path}.${key}`, known)];
  });
}

const CONVENTION_KEYS = [
  'hostPort',
  'containerPort',
  'protocol',
  'hostIP',
  'subnet',
  'rangeStart',
  'rangeEnd',
  'gateway',
  'ingressRate',
  'ingressBurst',
  'egressRate',
  'egressBurst',
  'servers',
  'searches',
  'options',
];

/** The result's DNS names, wrongly used for the capability (CONVENTIONS.md). */
function resultDnsKeys(name: string, value: unknown, base: string): string[] {
  if (name !== 'dns' || typeof value !== 'object' || value === null) return [];
  const wrong: Readonly<Record<string, string>> = { nameservers: 'servers', search: 'searches' };
  return Object.keys(value)
    .filter((key) => key in wrong)
    .map((key) => `${base}.${key}: the result's name; the capability's is ${wrong[key]}`);
}

/** One line per problem: "runtimeConfig.portMappings[0].hostPort: Invalid input: expected number, received undefined". */
export function capabilityShapeProblems(runtimeConfig: Json): string[] {
  return Object.entries(runtimeConfig).flatMap(([name, value]) => {
    if (!isCapability(name)) return [];
    const base = `runtimeConfig.${name}`;
    const parsed = CAPABILITY_SCHEMAS[name].safeParse(value);
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${jsonPath(base, issue.path)}: ${issue.message}`);
    return [...issues, ...miscasedKeys(value, base, CONVENTION_KEYS), ...resultDnsKeys(name, value, base)];
  });
}
