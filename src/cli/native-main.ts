/**
 * The entry of the native build (scripts/build-native.mjs, docs/native-build.md): the plugins' multi-call
 * executable (src/plugins/native/multicall.ts) plus `cni-conformance exec` under the name cni-exec. Here, not in
 * src/plugins, because exec is the CLI's and plugins never import the CLI.
 */
import { runMulticall } from '../plugins/native/multicall.ts';

void runMulticall({
  'cni-exec': async (_invokedAs, args) => {
    const { runExecProcess } = await import('./exec-main.ts');
    await runExecProcess(args);
  },
});
