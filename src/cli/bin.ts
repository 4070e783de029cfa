/**
 * The `cni-conformance` executable (dist/cli.js): `exec` (a cnitool, run once per container operation) goes to
 * its own small bundle; everything else loads the full CLI (src/cli/main.ts).
 */
const [command, ...rest] = process.argv.slice(2);
if (command === 'exec') {
  await (await import('./exec-main.ts')).runExecProcess(rest);
} else {
  await import('./main.ts');
}
