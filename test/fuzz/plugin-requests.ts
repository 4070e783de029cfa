/**
 * What the plugin fuzzers share: generated CNI requests (env and stdin, valid and malformed, every verb and
 * version) and the judge of a reply. A sound reply is exit 0 with JSON (or nothing) on stdout, or exit 1 with
 * `{code, msg}` where code is one the spec defines (1-7, 11, 50, 51) or plugin-specific (100+), msg non-empty;
 * never another exit, a signal, a hang or a stack trace.
 */
import fc from 'fast-check';
import { CNI_VERSIONS } from '../../src/spec/versions.ts';

/** One generated request. */
export interface FuzzRequest {
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
}

const VERBS = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION'] as const;

function config(type: string): fc.Arbitrary<string> {
  const version = fc.oneof(fc.constantFrom(...CNI_VERSIONS), fc.string({ maxLength: 6 }));
  const ipam = fc.oneof(fc.constant({ type: 'host-local', subnet: '10.77.0.0/24' }), fc.jsonValue());
  const fields = fc.record(
    {
      cniVersion: version,
      name: fc.oneof(fc.constant('fuzz'), fc.string({ maxLength: 12 })),
      type: fc.oneof(fc.constant(type), fc.string({ maxLength: 8 })),
      ipam,
      bridge: fc.oneof(fc.constant('fuzz0'), fc.string({ maxLength: 20 })),
      prevResult: fc.jsonValue(),
      extra: fc.jsonValue(),
    },
    { requiredKeys: ['cniVersion', 'name', 'type'] },
  );
  return fields.map((value) => JSON.stringify(value));
}

/** Requests for a plugin of `type`; `netns` is a real container namespace path in the sandbox. */
export function fuzzRequests(type: string, netns: string): fc.Arbitrary<FuzzRequest> {
  const env = fc.record(
    {
      CNI_COMMAND: fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 6 })),
      CNI_CONTAINERID: fc.oneof(fc.constant('fuzz-1'), fc.string({ maxLength: 20 })),
      CNI_NETNS: fc.oneof(
        fc.constant(netns),
        fc.constant('/run/netns/missing'),
        fc.string({ maxLength: 20 }),
      ),
      CNI_IFNAME: fc.oneof(fc.constant('eth0'), fc.string({ maxLength: 20 })),
      CNI_PATH: fc.constantFrom('/usr/lib/cni', '', '/nonexistent'),
      CNI_ARGS: fc.oneof(fc.constant('IgnoreUnknown=1'), fc.string({ maxLength: 20 })),
    },
    { requiredKeys: [] },
  );
  const stdin = fc.oneof(config(type), config(type), fc.json(), fc.string({ maxLength: 40 }));
  return fc.record({ env, stdin });
}

const SPEC_CODES = new Set([1, 2, 3, 4, 5, 6, 7, 11, 50, 51]);

/** Why a reply is unsound, or undefined when it is sound. */
export function judgeReply(stdout: string, stderr: string, exitCode: number | null): string | undefined {
  if (/\n\s+at \S/.test(stderr)) return `stack trace on stderr: ${stderr.slice(0, 300)}`;
  if (exitCode === 0) {
    if (stdout.trim() === '') return undefined;
    try {
      JSON.parse(stdout);
      return undefined;
    } catch {
      return `exit 0 with non-JSON stdout: ${stdout.slice(0, 200)}`;
    }
  }
  if (exitCode !== 1) return `exit ${exitCode} (a crash, a signal or a hang)`;
  let reply: { code?: unknown; msg?: unknown };
  try {
    reply = JSON.parse(stdout) as { code?: unknown; msg?: unknown };
  } catch {
    return `exit 1 without an error object: ${stdout.slice(0, 200)}`;
  }
  const { code, msg } = reply;
  if (typeof code !== 'number' || !Number.isInteger(code) || (!SPEC_CODES.has(code) && code < 100))
    return `error code ${JSON.stringify(code)} is not a well-known one`;
  if (typeof msg !== 'string' || msg.trim() === '') return 'error without a msg';
  return undefined;
}
