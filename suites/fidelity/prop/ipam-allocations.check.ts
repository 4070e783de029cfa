/**
 * PROP: model-based property test of an IPAM plugin (fast-check `fc.commands`). Random sequences of ADD, DEL and
 * CHECK over several container IDs sharing ifnames run against a small range, side by side with a model of the
 * allocations. Invariants: no address handed out twice; every address inside the range and never the network,
 * gateway or broadcast address; DEL releases exactly the caller's addresses (never another container's with the
 * same ifname); exhaustion is an error, not a duplicate; released addresses are allocatable again; the leases on
 * disk match the model. The seed is the run's `--seed`; a failure shows the shrunk sequence and the replay seed.
 */
import fc from 'fast-check';
import type { JsonObject } from '../../../src/target.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { isRangeIpam, leaseDirOf, subnetFacts, withSubnet } from '../lib/ipam-shape.ts';
import {
  AddCommand,
  type AllocationModel,
  CheckCommand,
  DelCommand,
  type IpamReal,
  verifyStore,
} from './ipam-model.ts';

/** Sequences per run (issue 6: default 100). */
export const PROP_SEQUENCES = 100;
/** Three allocatable addresses (.2-.4 of a /29): the eight attachment keys below exhaust it quickly. */
const SUBNET = '10.234.0.0/29';
const RANGE_END = '10.234.0.4';
const MAX_COMMANDS = 10;
/** Stop shrinking after this long and report the smallest sequence found so far. */
const TIME_LIMIT_MS = 100_000;

function commandArbitraries(ctx: CheckContext) {
  const containerId = fc.constantFrom(...['a', 'b', 'c', 'd'].map((s) => `${ctx.containerId}-${s}`));
  const ifname = fc.constantFrom('eth0', 'eth1');
  const add = fc.tuple(containerId, ifname).map(([c, i]) => new AddCommand(c, i));
  // ADD twice as likely as DEL or CHECK, so sequences reach exhaustion.
  return [
    add,
    add,
    fc.tuple(containerId, ifname).map(([c, i]) => new DelCommand(c, i)),
    fc.tuple(containerId, ifname).map(([c, i]) => new CheckCommand(c, i)),
  ];
}

function replayLine(seed: number): string {
  return `PROP seed ${seed} (replay: cni-conformance … --seed ${seed} --only P-ADD-2)`;
}

/**
 * Sequences run in four lanes at once (seeds S … S + 3, a quarter of the sequences each): spawns dominate, and
 * they wait on the kernel as much as on the two cores. The same --seed replays both lanes exactly.
 */
const LANES = 4;

function laneProperty(ctx: CheckContext, base: JsonObject, lane: number) {
  const facts = subnetFacts(SUBNET, RANGE_END);
  let sequence = 0;
  const setup = () => {
    sequence += 1;
    // A network of its own per sequence: host-local keeps state per network name.
    const config = withSubnet(
      { ...base, name: `${String(base.name)}-l${lane}p${sequence}` },
      SUBNET,
      RANGE_END,
    );
    const model: AllocationModel = { leases: new Map(), facts };
    const real: IpamReal = { ctx, config, leaseDir: leaseDirOf(config), results: new Map() };
    return { model, real };
  };
  return fc.asyncProperty(
    fc.commands(commandArbitraries(ctx), { maxCommands: MAX_COMMANDS }),
    async (commands) => {
      let last: ReturnType<typeof setup> | undefined;
      await fc.asyncModelRun(() => {
        last = setup();
        return last;
      }, commands);
      if (last) await verifyStore(last.model, last.real, `the sequence ${String(commands)}`);
    },
  );
}

check(
  ['P-ADD-2', 'P-DEL-1', 'P-CONC-1'],
  `random ADD/DEL/CHECK sequences keep IPAM allocations unique, in range and exactly released (${PROP_SEQUENCES} sequences)`,
  { versions: 'latest', verbs: ['ADD', 'DEL', 'CHECK'], roles: ['ipam'], timeoutMs: 180_000 },
  async (ctx) => {
    const base = ctx.config();
    if (!isRangeIpam(base))
      ctx.skip('plugin-capability-missing', 'IPAM config has no subnet or ranges to model');
    const seed = ctx.target.seed;
    const runs = await Promise.all(
      Array.from({ length: LANES }, (_, lane) =>
        fc.check(laneProperty(ctx, base, lane), {
          numRuns: Math.ceil(PROP_SEQUENCES / LANES),
          seed: seed + lane,
          interruptAfterTimeLimit: TIME_LIMIT_MS,
        }),
      ),
    );
    const failed = runs.find((details) => details.failed);
    if (!failed) return;
    const cause =
      failed.errorInstance instanceof Error ? failed.errorInstance.message : String(failed.errorInstance);
    throw new Error(`${replayLine(seed)}\n${cause}\n${fc.defaultReportMessage(failed)}`);
  },
);
