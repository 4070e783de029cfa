/**
 * R-REQ: how the runtime derives each plugin's request config from the list (R-REQ-*, SPEC.md "Deriving execution configuration from plugin configuration").
 */
import { isDeepStrictEqual } from 'node:util';
import type { SpyRecord } from '../../plugins/meta/spy/record.ts';
import { formatJson, sameResult } from '../compare.ts';
import { type JudgeContext, networkFor, pluginFor } from '../context.ts';
import { declaredCapabilities } from '../network.ts';
import { outputOf, stdinOf } from '../operations.ts';
import { capabilityShapeProblems } from './capability-shapes.ts';
import { resultShapeProblem } from './result-shape.ts';
import { atLeast, callsOf, defineRule, describeCall, type Rule, Tally } from './rule.ts';

/** Keys a runtime injects or may leave (judged by their own rules), dropped before comparing with the config. */
function isInjected(key: string): boolean {
  return (
    ['name', 'cniVersion', 'runtimeConfig', 'prevResult', 'args', 'capabilities'].includes(key) ||
    key.startsWith('cni.dev/')
  );
}

function withoutInjected(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !isInjected(key)));
}

function runtimeConfigProblems(ctx: JudgeContext, call: SpyRecord): string[] | undefined {
  const raw = stdinOf(call).runtimeConfig;
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const plugin = pluginFor(ctx, call);
  // Without the plugin's config only the shapes can be judged, and only where there is a runtimeConfig.
  if (!plugin) return raw === undefined ? undefined : capabilityShapeProblems(given);
  const provided = ctx.scenario?.capabilityArgs;
  const declared = declaredCapabilities(plugin);
  const allowed = declared.filter((name) => provided === undefined || name in provided);
  const problems = Object.keys(given)
    .filter((name) => !allowed.includes(name))
    .map((name) => `runtimeConfig.${name} leaked (declared: ${declared.join(',') || 'none'})`);
  problems.push(...capabilityShapeProblems(given));
  for (const name of provided ? allowed : []) {
    if (!isDeepStrictEqual(given[name], provided?.[name]))
      problems.push(
        `runtimeConfig.${name} = ${formatJson(given[name])}, runtime was given ${formatJson(provided?.[name])}`,
      );
  }
  return problems;
}

const attachmentVerbs = ['ADD', 'DEL', 'CHECK'];

/** Keys the spec reserves for the runtime to generate (SPEC.md "Deriving execution configuration from plugin configuration"): `args` and anything under `cni.dev/`. */
function isReserved(key: string): boolean {
  return key === 'args' || key.startsWith('cni.dev/');
}

/** Authored reserved keys that reached the plugin verbatim, as if the runtime had generated them. */
function authoredReservedKeys(ctx: JudgeContext, call: SpyRecord): string[] | undefined {
  const plugin = pluginFor(ctx, call);
  const authored = Object.keys(plugin ?? {}).filter(isReserved);
  if (!plugin || authored.length === 0) return undefined;
  const request = stdinOf(call);
  return authored.filter((key) => key in request && isDeepStrictEqual(request[key], plugin[key]));
}

/** R-REQ-*. */
export const reqRules: readonly Rule[] = [
  defineRule({
    id: 'R-REQ-1',
    title: "every request carries the list's name and the selected cniVersion",
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK', 'GC', 'STATUS')) {
        const net = networkFor(ctx, call);
        if (!net) continue;
        const { name, cniVersion } = stdinOf(call);
        tally.expect(
          name === net.name && cniVersion === net.selectedVersion,
          () =>
            `${describeCall(call)}: name=${String(name)} cniVersion=${String(cniVersion)}, expected ${net.name} ${net.selectedVersion}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-2',
    title: 'every other field of the plugin config is passed through unchanged',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK', 'GC', 'STATUS')) {
        const plugin = pluginFor(ctx, call);
        if (!plugin) continue;
        const [got, want] = [withoutInjected(stdinOf(call)), withoutInjected(plugin)];
        tally.expect(
          isDeepStrictEqual(got, want),
          () => `${describeCall(call)}: got ${formatJson(got)}, configured ${formatJson(want)}`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-3',
    title:
      'runtimeConfig holds exactly the declared capabilities the runtime has values for, each in its CONVENTIONS shape',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, ...attachmentVerbs)) {
        const problems = runtimeConfigProblems(ctx, call);
        if (problems === undefined) continue;
        tally.expect(problems.length === 0, () => `${describeCall(call)}: ${problems.join('; ')}`);
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-4',
    title: '`capabilities` is removed from the request (1.0.0 and later)',
    libcniDeviation: true,
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK', 'GC', 'STATUS')) {
        const config = stdinOf(call);
        if (!atLeast(config.cniVersion, '1.0.0')) continue;
        tally.expect(
          !('capabilities' in config),
          () => `${describeCall(call)}: capabilities ${formatJson(config.capabilities)} left in the request`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-5',
    title: "on ADD, the first plugin gets no prevResult and each later one gets its predecessor's result",
    judge(ctx) {
      const tally = new Tally();
      for (const op of ctx.ops.filter((o) => o.verb === 'ADD')) {
        op.calls.forEach((call, index) => {
          if (!atLeast(stdinOf(call).cniVersion, '0.3.0')) return;
          const want = index === 0 ? undefined : outputOf(op.calls[index - 1] as SpyRecord);
          const got = stdinOf(call).prevResult;
          tally.expect(
            index === 0 ? got === undefined : sameResult(got, want),
            () => `${describeCall(call)}: prevResult ${formatJson(got)}, expected ${formatJson(want)}`,
          );
        });
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-6',
    title: 'GC gets valid-attachments and no attachment data; STATUS gets only name and cniVersion injected',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'GC', 'STATUS')) {
        const config = stdinOf(call);
        const gc = call.env.CNI_COMMAND === 'GC';
        const problems = ['runtimeConfig', 'prevResult']
          .filter((key) => key in config)
          .map((key) => `${key} present`);
        if (gc && !Array.isArray(config['cni.dev/valid-attachments']))
          problems.push('cni.dev/valid-attachments missing');
        if (!gc && 'cni.dev/valid-attachments' in config) problems.push('cni.dev/valid-attachments present');
        for (const name of ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'])
          if (call.env[name]) problems.push(`${name} set`);
        tally.expect(problems.length === 0, () => `${describeCall(call)}: ${problems.join('; ')}`);
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-7',
    // libcni copies the plugin object and injects only name/cniVersion/prevResult/runtimeConfig (api.go).
    libcniDeviation: true,
    title:
      '`args` and `cni.dev/*` keys are runtime-generated: authored values are not passed on as if they were',
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'ADD', 'DEL', 'CHECK', 'GC', 'STATUS')) {
        const passed = authoredReservedKeys(ctx, call);
        if (passed === undefined) continue;
        tally.expect(
          passed.length === 0,
          () => `${describeCall(call)}: authored ${passed.join(', ')} passed through unchanged`,
        );
      }
      return tally.outcome();
    },
  }),
  defineRule({
    id: 'R-REQ-8',
    title: "DEL and CHECK get prevResult in the selected cniVersion's result format",
    judge(ctx) {
      const tally = new Tally();
      for (const call of callsOf(ctx, 'DEL', 'CHECK')) {
        const prevResult = stdinOf(call).prevResult;
        const version = stdinOf(call).cniVersion;
        if (prevResult === undefined || typeof version !== 'string') continue;
        const problem = resultShapeProblem(prevResult, version);
        tally.expect(problem === undefined, () => `${describeCall(call)}: ${problem}`);
      }
      return tally.outcome();
    },
  }),
];
