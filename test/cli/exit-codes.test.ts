import { chmodSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, runCli, scratchDir } from './built-cli.ts';

const BRIDGE = '/usr/lib/cni/bridge';

beforeAll(() => ensureBuilt(), 120_000);

describe('cni-conformance exit codes', () => {
  describe.concurrent('when the run cannot start (exit 2, one line)', () => {
    const cases: ReadonlyArray<readonly [string, (dir: string) => string[], RegExp]> = [
      ['missing plugin file', (d) => [join(d, 'nope')], /^cni-conformance: plugin not found: .*nope$/],
      [
        'plugin not executable',
        (d) => {
          writeFileSync(join(d, 'bridge'), '#!/bin/sh\n');
          chmodSync(join(d, 'bridge'), 0o644);
          return [join(d, 'bridge')];
        },
        /^cni-conformance: plugin is not executable: .*bridge — chmod \+x /,
      ],
      [
        'config not JSON',
        (d) => {
          writeFileSync(join(d, 'net.conflist'), '{ nope');
          return [BRIDGE, '--config', join(d, 'net.conflist')];
        },
        /^cni-conformance: config is not JSON: .*net\.conflist: /,
      ],
      [
        'config not naming the plugin',
        (d) => {
          writeFileSync(join(d, 'net.conflist'), JSON.stringify({ name: 'n', plugins: [{ type: 'ptp' }] }));
          return [BRIDGE, '--config', join(d, 'net.conflist')];
        },
        /^cni-conformance: config .*net\.conflist does not name plugin "bridge" \(types: ptp\)/,
      ],
      [
        'missing config file',
        (d) => [BRIDGE, '--config', join(d, 'x.conf')],
        /config file not found: .*x\.conf$/,
      ],
      [
        'unknown flag',
        () => [BRIDGE, '--fial-on', 'must'],
        /unknown option '--fial-on' \(did you mean --fail-on\?\)$/,
      ],
      [
        'bad profile',
        () => [BRIDGE, '--profile', 'strikt'],
        /--profile must be one of compat\|strict, got "strikt" \(did you mean strict\?\)/,
      ],
      [
        'every selected check skipped (nothing judged is not a pass)',
        () => [BRIDGE, '--only', 'args.cni.ips wins over a CNI_ARGS IP'],
        /^cni-conformance: nothing judged: all 1 selected checks skipped; 1 of them because role-mismatch: /,
      ],
      [
        'unknown requirement',
        () => [BRIDGE, '--only', 'P-ENV-99'],
        /--only: no requirement matches "P-ENV-99" \(did you mean P-ENV-[0-9]\?\)/,
      ],
      [
        'a test-name typo that selects nothing',
        () => [BRIDGE, '--only', 'concurent', '--versions', '1.0.0'],
        /no check selected by --only concurent \(did you mean concurrent\?\)/,
      ],
      [
        'a catalogued ID no plugin check cites',
        () => [BRIDGE, '--only', 'R-DEL-1', '--versions', '1.0.0'],
        /no check selected by --only R-DEL-1 \(did you mean P-DEL-1\?\)/,
      ],
      [
        'a --cni-path dir that does not exist',
        (d) => [BRIDGE, '--cni-path', join(d, 'nope')],
        /^cni-conformance: --cni-path: no such directory .*nope — /,
      ],
      [
        'a delegate the config names and the CNI path lacks',
        (d) => {
          cpSync(BRIDGE, join(d, 'bridge'));
          return [join(d, 'bridge'), '--cni-path', d];
        },
        /^cni-conformance: plugin "host-local", the ipam of plugins\[0\] "bridge" in built-in default for bridge, not found in .* — pass --cni-path DIR with a "host-local" binary in DIR$/,
      ],
      ['image without docker', () => [BRIDGE, '--image', 'debian:12'], /--image needs --sandbox docker/],
      [
        'no built-in config',
        (d) => {
          cpSync('/usr/lib/cni/bridge', join(d, 'my-plugin'));
          return [join(d, 'my-plugin')];
        },
        /no built-in config for plugin type "my-plugin" .* — pass --config FILE$/,
      ],
    ];
    for (const [name, args, message] of cases) {
      it(`exits 2 for ${name}`, async () => {
        const dir = scratchDir();
        const result = await runCli(args(dir), dir);
        expect(result.exitCode).toBe(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      });
    }
  });

  it('exits 0 when every selected check passes on the upstream bridge', async () => {
    const dir = scratchDir();
    const result = await runCli([BRIDGE, '--only', 'P-VCMD-1', '--versions', '1.0.0'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/P-VCMD-1 +MUST +✓/);
  });

  it('exits 1 when a MUST check fails on a fault-injected plugin', async () => {
    const dir = scratchDir();
    const plugin = join(ROOT, 'fixtures/faulty-plugins/P-ENV-2-ignores-missing-vars.sh');
    const config = join(dir, 'net.conflist');
    const bridge = JSON.parse(
      (await import('node:fs')).readFileSync(join(ROOT, 'fixtures/configs/defaults/bridge.conflist'), 'utf8'),
    );
    bridge.plugins[0].type = 'P-ENV-2-ignores-missing-vars.sh';
    writeFileSync(config, JSON.stringify(bridge));
    const result = await runCli(
      [plugin, '--config', config, '--cni-path', '/usr/lib/cni', '--only', 'P-ENV-2'],
      dir,
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /✗ P-ENV-2: a call missing a required CNI_\* variable fails @ 1\.0\.0 \[MUST\]/,
    );
  });

  it('turns a SHOULD failure into a warning with --fail-on must', async () => {
    const dir = scratchDir();
    const args = [BRIDGE, '--only', 'P-VCMD-2', '--versions', '0.4.0', '--profile', 'strict'];
    expect((await runCli(args, dir)).exitCode).toBe(1);
    expect((await runCli([...args, '--fail-on', 'must'], dir)).exitCode).toBe(0);
  });
});

describe('cni-conformance without root', () => {
  it('runs the suites in user-namespace sandboxes as an unprivileged user', async () => {
    const dir = scratchDir();
    const { chmodSync: chmod } = await import('node:fs');
    chmod(dir, 0o777);
    const { execa } = await import('execa');
    const run = await execa(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        'node',
        CLI,
        BRIDGE,
        '--only',
        'P-VCMD-1,P-DEL-2',
        '--versions',
        '1.0.0',
      ],
      { cwd: dir, reject: false, env: { NO_COLOR: '1', HOME: dir } },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/✓ 2 pass/);
  });
});
