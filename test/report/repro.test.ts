import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckRecord } from '../../src/report/model.ts';
import { KILLED_EARLY, renderRepro, reproFileName, shellQuote } from '../../src/report/repro.ts';
import type { PluginCallRecord } from '../../src/report/transcript.ts';

const check: CheckRecord = {
  title: 'P-ADD-3: ADD fails when CNI_IFNAME already exists @ 1.0.0',
  file: 'suites/plugin/add/add.check.ts',
  suite: 'plugin/add',
  ids: ['P-ADD-3'],
  level: 'MUST',
  specLevel: 'MUST',
  version: '1.0.0',
  outcome: 'failed',
  verdict: 'fail',
  failure: 'expected exit code not to be 0',
  durationMs: 1,
  pluginMs: 1,
  transcript: [
    { type: 'container', name: 'ctr-1', netnsPath: '/run/netns/ctr-1', action: 'add' },
    {
      type: 'command',
      argv: ['ip', 'link', 'add', 'eth0', 'type', 'bridge'],
      container: 'ctr-1',
      exitCode: 0,
    },
    {
      type: 'plugin',
      verb: 'ADD',
      file: '/bin/sh',
      env: { CNI_COMMAND: 'ADD', CNI_NETNS: '/run/netns/ctr-1' },
      stdin: `{"name":"it's"}`,
      kind: 'ok',
      stdout: '',
      stderr: '',
      exitCode: 0,
      signal: null,
      startedAtMs: 0,
      durationMs: 1,
    },
  ],
};

describe('repro scripts', () => {
  it('quotes for bash, including single quotes', () => {
    expect(
      execFileSync('bash', ['-c', `printf '%s' ${shellQuote(`a'b "c" $d`)}`], { encoding: 'utf8' }),
    ).toBe(`a'b "c" $d`);
  });

  it('names the file after the title and version', () => {
    expect(reproFileName(check)).toBe('p-add-3-add-fails-when-cni-ifname-already-exists-1.0.0.sh');
  });

  it('recreates the container, replays the command inside it and the call with exact env and stdin', () => {
    const script = renderRepro(check, '0.1.0');
    expect(script).toContain("unshare --net='/run/netns/ctr-1' true");
    expect(script).toContain("nsenter --net='/run/netns/ctr-1' 'ip' 'link' 'add' 'eth0' 'type' 'bridge'");
    expect(script).toContain(`printf '%s' '{"name":"it'\\''s"}' | timeout -s KILL 120 env -i`);
    expect(script).toContain("'CNI_COMMAND=ADD' 'CNI_NETNS=/run/netns/ctr-1' '/bin/sh'");
  });

  it('kills a call the harness killed at the same moment, to the millisecond, and it reproduces', () => {
    const plugin = join(mkdtempSync(join(tmpdir(), 'repro-')), 'slow-plugin');
    writeFileSync(plugin, '#!/bin/sh\nsleep 2\n', { mode: 0o755 });
    const call: PluginCallRecord = {
      type: 'plugin',
      verb: 'ADD',
      file: plugin,
      env: { CNI_COMMAND: 'ADD' },
      stdin: '{}',
      kind: 'timed-out',
      stdout: '',
      stderr: '',
      exitCode: null,
      signal: 'SIGKILL',
      startedAtMs: 0,
      durationMs: 95,
    };
    const killed: CheckRecord = { ...check, transcript: [call] };
    const script = renderRepro(killed, '0.1.0');
    expect(script).toContain('timeout -s KILL 0.095 env -i');
    const file = join(dirname(plugin), 'repro.sh');
    writeFileSync(file, script);
    const run = spawnSync('bash', [file], { encoding: 'utf8' });
    expect(run.stderr).toContain('reproduced: every call ended as recorded');
    expect(run.status).toBe(1);
  });

  it('says "timing" when only a call the harness killed ended before its kill moment', () => {
    const plugin = join(mkdtempSync(join(tmpdir(), 'repro-')), 'fast-plugin');
    writeFileSync(plugin, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const call: PluginCallRecord = {
      ...(check.transcript[2] as PluginCallRecord),
      file: plugin,
      kind: 'timed-out',
      exitCode: null,
      signal: 'SIGKILL',
      durationMs: 5000,
    };
    const file = join(dirname(plugin), 'repro.sh');
    writeFileSync(file, renderRepro({ ...check, transcript: [call] }, '0.1.0'));
    const run = spawnSync('bash', [file], { encoding: 'utf8' });
    expect(run.stderr).toContain('-> exit 0 (recorded 137: killed by the harness after 5.000 s)');
    expect(run.stderr).toContain(`${KILLED_EARLY}: a call the harness killed ended before its kill moment`);
    expect(run.status).toBe(0);
  });

  it("passes a chained call the earlier call's replayed result as prevResult, not the recorded one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'repro-'));
    const [first, second] = [join(dir, 'first'), join(dir, 'second')];
    // The first names its interface anew each run (as a veth's random name); the second finds it in prevResult.
    writeFileSync(
      first,
      `#!/bin/sh\nname=veth$$\necho $name > ${dir}/name\necho '{"cniVersion":"1.0.0","interfaces":[{"name":"'$name'"}]}'\n`,
      { mode: 0o755 },
    );
    writeFileSync(second, `#!/bin/sh\ngrep -q ""$(cat ${dir}/name)"" -\n`, { mode: 0o755 });
    const recordedResult = { cniVersion: '1.0.0', interfaces: [{ name: 'veth-recorded' }] };
    const call = check.transcript[2] as PluginCallRecord;
    const chained: CheckRecord = {
      ...check,
      transcript: [
        { ...call, file: first, stdin: '{}', stdout: `${JSON.stringify(recordedResult)}\n` },
        { ...call, file: second, stdin: JSON.stringify({ name: 'n', prevResult: recordedResult, x: 1 }) },
      ],
    };
    const file = join(dir, 'repro.sh');
    writeFileSync(file, renderRepro(chained, '0.1.0'));
    const run = spawnSync('bash', [file], { encoding: 'utf8' });
    expect(run.stderr).toContain('reproduced: every call ended as recorded');
    expect(run.status).toBe(1);
  });

  it('runs: recreates the namespaces and replays', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'repro-')), 'repro.sh');
    writeFileSync(file, renderRepro(check, '0.1.0'));
    const run = spawnSync('bash', [file], { encoding: 'utf8' });
    // /bin/sh reading the config as a script does not exit 0 as recorded: not reproduced.
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('not reproduced');
    expect(run.stderr).toContain(
      '== 1: container ctr-1\n== 2: ip link add eth0 type bridge\n== 3: ADD (recorded: exit 0)',
    );
    expect(run.stderr).toMatch(/== 3: ADD \(recorded: exit 0\)\n(.*\n)* {3}-> exit \d+ \(recorded 0\)/);
  });

  it('runs unattended, replays a fault wrapper from its recorded stdin, cleans up, exits 1 when it reproduces', () => {
    const tag = `cnc-fault-repro${process.pid}`;
    // The plugin also writes the host's /tmp, as a faulty fixture's marker file does: the replay must not.
    const marker = `/tmp/cni-repro-marker-${process.pid}`;
    const wrapper = `#!/bin/sh\n(setsid sleep 987${process.pid % 1000} </dev/null >/dev/null 2>&1 &)\ntouch ${marker}\nexit 3\n`;
    const plugin = `/tmp/${tag}/bridge`;
    const faulty: CheckRecord = {
      ...check,
      transcript: [
        {
          type: 'command',
          argv: ['sh', '-c', `mkdir -p /tmp/${tag} && cat > ${plugin} && chmod 755 ${plugin}`],
          container: undefined,
          stdin: wrapper,
          exitCode: 0,
        },
        { type: 'command', argv: ['cat'], container: undefined, exitCode: 0 },
        { ...(check.transcript[2] as PluginCallRecord), file: plugin, exitCode: 3, stdin: '{}' },
      ],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'repro-')), 'repro.sh');
    writeFileSync(file, renderRepro(faulty, '0.1.0'));
    // stdin left open: a script that read the terminal would hang until the timeout.
    const run = spawnSync('bash', [file], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(run.stderr).toContain('-> exit 3 (recorded 3)');
    expect(run.stderr).toContain('reproduced: every call ended as recorded');
    expect(run.status).toBe(1);
    expect(existsSync(`/tmp/${tag}`)).toBe(false);
    expect(existsSync(marker)).toBe(false);
    const daemons = spawnSync('pgrep', ['-f', `sleep 987${process.pid % 1000}`], { encoding: 'utf8' });
    expect(daemons.stdout.trim()).toBe('');
  });
});
