import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertResult as convertPluginResult, type Result } from '../../../src/plugins/skel/result.ts';
import { convertResult as convertSpecResult } from '../../../src/spec/convert.ts';
import type { CniResult } from '../../../src/spec/result.ts';
import { CNI_VERSIONS } from '../../../src/spec/versions.ts';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
const ipv6 = fc.nat(0xffff).map((n) => `fd00::${n.toString(16)}`);
const address = fc.oneof(
  ipv4.map((ip) => `${ip}/24`),
  ipv6.map((ip) => `${ip}/64`),
);

const resultArbitrary: fc.Arbitrary<Result> = fc.record(
  {
    interfaces: fc.array(
      fc.record({ name: fc.constantFrom('eth0', 'cni0'), sandbox: fc.constant('/var/run/netns/x') }),
      {
        maxLength: 2,
      },
    ),
    ips: fc.array(fc.record({ address, gateway: fc.option(ipv4, { nil: undefined }) }), { maxLength: 3 }),
    routes: fc.array(fc.record({ dst: fc.constantFrom('0.0.0.0/0', '::/0', '10.9.0.0/16') }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: [] },
);

/** Drops undefined values and empty arrays, which Go's omitempty (and our plugins) leave out. */
function withoutUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    Array.isArray(item) && item.length === 0 ? undefined : item,
  );
}

// seed pinned so a failure replays; the plugin converter must agree with the spec module's edge table.
describe('plugin result conversion (seed 7007)', () => {
  it('agrees with src/spec convertResult for every target version', () => {
    fc.assert(
      fc.property(resultArbitrary, fc.constantFrom(...CNI_VERSIONS), (result, version) => {
        const spec = convertSpecResult(
          withoutUndefined({ cniVersion: '1.1.0', ...result }) as CniResult,
          version,
        );
        let ours: unknown;
        try {
          ours = convertPluginResult(result, version);
        } catch {
          ours = undefined;
        }
        if (!spec.ok) {
          expect(ours).toBeUndefined();
          return;
        }
        expect(withoutUndefined(ours)).toEqual(withoutUndefined(spec.result));
      }),
      { seed: 7007, numRuns: 300 },
    );
  });
});
