// A small consumer of the documented library API, type-checked against the emitted declarations as a user's
// project would see them (test/package/declarations.test.ts). Never run.
import {
  HarnessError,
  judgeRuntimeLog,
  type NetworkConfigList,
  parseRuntimeLog,
  parseSpecNetworkConfigList,
  Runtime,
} from 'cni-conformance';

export function consume(log: string, list: NetworkConfigList): string {
  const parsed = parseRuntimeLog(log);
  if (!parsed.ok) throw new HarnessError('CNI_CONFORMANCE_USAGE', 'bad log');
  const report = judgeRuntimeLog(parsed.value, { profile: 'strict' });
  const spec = parseSpecNetworkConfigList({ cniVersion: '1.0.0', name: 'n', plugins: [] });
  const runtime: typeof Runtime = Runtime;
  const error: HarnessError | undefined = undefined;
  return `${report.findings.length} ${list.name} ${spec.ok} ${runtime.name} ${String(error)}`;
}
