import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runRuntimeCommand } from '../../src/cli/runtime-command.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { buildLibcniDriver, libcniUnavailable } from '../../src/runtime-conformance/adapters/libcni.ts';
import { ensureSpyBinary } from './spy-binary.ts';

let dir = '';
let output: string[] = [];
const io = {
  stdout: { write: (t: string) => output.push(t) },
  stderr: { write: (t: string) => output.push(t) },
};

beforeAll(ensureSpyBinary);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cnc-rtcmd-'));
  output = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cni-conformance runtime run', () => {
  it('runs a scenario against a named runtime and writes the JSON findings', async () => {
    const json = join(dir, 'out.json');
    const code = await runRuntimeCommand(
      ['run', '--runtime', 'simulated', '--scenario', 'status', '--json', json],
      io,
    );
    expect(code, output.join('')).toBe(0);
    const written = JSON.parse(await readFile(json, 'utf8')) as ReportModel;
    expect(written).toMatchObject({ run: { pluginPath: 'simulated', role: 'runtime' }, exitCode: 0 });
    expect(written.checks.every((check) => check.file === 'suites/runtime/status.runtime.ts')).toBe(true);
    expect(written.counts.pass).toBeGreaterThan(0);
  });

  it('drives a runtime from a --runtime-config file of command templates', async (ctx) => {
    const reason = await libcniUnavailable();
    if (reason) ctx.skip(reason);
    const driver = await buildLibcniDriver();
    const command = (verb: string) => [
      driver,
      '-confdir',
      '{confdir}',
      '-cnipath',
      '{cnipaths}',
      '-cachedir',
      '{cachedir}',
      '-id',
      '{id}',
      '-netns',
      '{netns}',
      '-ifname',
      '{ifname}',
      verb,
      '{network}',
    ];
    const config = {
      name: 'libcni-by-template',
      commands: { add: command('add'), del: command('del'), check: command('check') },
    };
    await writeFile(join(dir, 'runtime.json'), JSON.stringify(config));
    const json = join(dir, 'out.json');
    const code = await runRuntimeCommand(
      [
        'run',
        '--runtime-config',
        join(dir, 'runtime.json'),
        '--scenario',
        'add-failure',
        '--scenario',
        'cni-path-order',
        '--json',
        json,
      ],
      io,
    );
    // libcni does not DEL after a failed ADD: a real deviation, reported with its ID.
    expect(code).toBe(1);
    expect(output.join('')).toMatch(/FAIL R-ADD-3 \[MUST\]/);
    // {cnipaths} gives the driver both plugin dirs, so the search-order scenario runs and libcni passes it.
    const { checks } = JSON.parse(await readFile(json, 'utf8')) as ReportModel;
    const pathOrder = checks.filter((check) => check.file.endsWith('/cni-path-order.runtime.ts'));
    expect(pathOrder.some((check) => check.ids[0] === 'R-ENV-7' && check.verdict === 'pass')).toBe(true);
    expect(
      pathOrder.filter((check) => check.verdict === 'fail'),
      JSON.stringify(pathOrder),
    ).toEqual([]);
  });

  it('skips the CNI_PATH search-order scenario when the templates name only the first plugin dir', async () => {
    const config = {
      name: 'single-dir',
      commands: { add: ['true', '{cnipath}'], del: ['true', '{cnipath}'] },
    };
    await writeFile(join(dir, 'runtime.json'), JSON.stringify(config));
    const json = join(dir, 'out.json');
    const args = ['run', '--runtime-config', join(dir, 'runtime.json'), '--scenario', 'cni-path-order'];
    await runRuntimeCommand([...args, '--json', json], io);
    const { checks } = JSON.parse(await readFile(json, 'utf8')) as ReportModel;
    expect(checks.every((check) => check.verdict === 'skip')).toBe(true);
    expect(checks[0]?.skipReason).toMatch(/takes a single plugin directory/);
  });

  it('exits 2 with one line for usage errors', async () => {
    expect(await runRuntimeCommand(['run'], io)).toBe(2);
    expect(await runRuntimeCommand(['run', '--runtime', 'simulated', '--scenario', 'nope'], io)).toBe(2);
    expect(await runRuntimeCommand(['run', '--runtime', 'simulated', '--profile', 'lenient'], io)).toBe(2);
    expect(await runRuntimeCommand(['frobnicate'], io)).toBe(2);
    expect(output.every((line) => line.startsWith('cni-conformance: '))).toBe(true);
  });
});
