import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SpyControl, SpyRecord } from '../../src/plugins/meta/spy/record.ts';
import { nativePlugins, PLUGIN_BUILDS } from '../plugins/support.ts';
import { ensureSpyBinary } from './spy-binary.ts';

interface SpyCall {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let spyBinary = '';
let root = '';

function callSpy(name: string, env: Record<string, string>, stdin: string): Promise<SpyCall> {
  return new Promise((resolve) => {
    const child = execFile(
      join(root, 'bin', name),
      [],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

async function records(dir = join(root, 'spy')): Promise<SpyRecord[]> {
  const text = await readFile(join(dir, 'log.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as SpyRecord);
}

const control = (value: SpyControl) => writeFile(join(root, 'spy', 'control.json'), JSON.stringify(value));
const addEnv = {
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'c1',
  CNI_NETNS: '/proc/self/ns/net',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/x',
};
const config = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ cniVersion: '1.0.0', name: 'n', type: 'spy-a', ...extra });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cnc-spy-'));
  await execFilePromise('mkdir', ['-p', join(root, 'bin'), join(root, 'spy')]);
  await symlink(spyBinary, join(root, 'bin', 'spy-a'));
  await writeFile(join(root, 'bin', '.cni-spy-dir'), join(root, 'spy'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function execFilePromise(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(file, args, (error) => (error ? reject(error) : resolve())),
  );
}

// The spy's records must not depend on the build: every test runs against the Node bundle and the native build.
describe.each(PLUGIN_BUILDS)('%s build', (build) => {
  beforeAll(async () => {
    spyBinary = build === 'native' ? join(nativePlugins(), 'spy') : await ensureSpyBinary();
  });

  describe('spy plugin', () => {
    describe('when called by a runtime that strips the environment', () => {
      it('records CNI_* values, only the names of other variables, stdin and its netns', async () => {
        const result = await callSpy('spy-a', { ...addEnv, SECRET_TOKEN: 'hunter2' }, config());
        expect(result.code).toBe(0);
        const [record] = await records();
        expect(record?.calledAs).toBe('spy-a');
        expect(record?.env).toMatchObject(addEnv);
        expect(record?.otherEnvNames).toContain('SECRET_TOKEN');
        expect(JSON.stringify(record)).not.toContain('hunter2');
        expect(record?.stdin).toEqual(JSON.parse(config()));
        expect(record?.selfNetns).toMatch(/^net:\[\d+\]$/);
        expect(record?.netns).toMatchObject({ isNsfs: true, fsType: '6e736673' });
        expect(record?.tsEnd).toBeGreaterThanOrEqual(record?.tsStart ?? Infinity);
      });

      it('says when CNI_NETNS is not a live network namespace', async () => {
        const plain = join(root, 'not-a-netns');
        await writeFile(plain, '');
        await callSpy('spy-a', { ...addEnv, CNI_NETNS: plain }, config());
        const [record] = await records();
        expect(record?.netns?.isNsfs).toBe(false);
      });
    });

    describe('when scripted by the control file', () => {
      it('annotates prevResult by default so each plugin output is distinct', async () => {
        const prevResult = {
          cniVersion: '1.0.0',
          interfaces: [{ name: 'x' }],
          ips: [{ address: '10.1.1.1/24' }],
        };
        const result = await callSpy('spy-a', addEnv, config({ prevResult }));
        const output = JSON.parse(result.stdout);
        expect(output.ips).toEqual(prevResult.ips);
        expect(output.interfaces).toHaveLength(2);
        expect(output.interfaces[1].name).toBe('spy-a0');
      });

      it('passes prevResult through, mutates, or returns a canned result', async () => {
        const prevResult = { cniVersion: '1.0.0', interfaces: [{ name: 'x', mac: '02:00:00:00:00:01' }] };
        await control({
          rules: [
            {
              type: 'spy-a',
              verb: 'ADD',
              behaviour: { result: 'pass', mutate: { mac: '02:00:00:00:00:ff', addIp: '10.9.9.9/24' } },
            },
          ],
        });
        const mutated = JSON.parse((await callSpy('spy-a', addEnv, config({ prevResult }))).stdout);
        expect(mutated).toEqual({
          cniVersion: '1.0.0',
          interfaces: [{ name: 'x', mac: '02:00:00:00:00:ff' }],
          ips: [{ address: '10.9.9.9/24' }],
        });
        await control({ rules: [{ behaviour: { result: { ips: [{ address: '10.5.5.5/16' }] } } }] });
        const canned = JSON.parse((await callSpy('spy-a', addEnv, config())).stdout);
        expect(canned).toEqual({ cniVersion: '1.0.0', ips: [{ address: '10.5.5.5/16' }] });
      });

      it('fails with the scripted code on stdout, writes stderr and sleeps', async () => {
        await control({
          rules: [
            { verb: 'DEL', behaviour: { fail: { code: 11, msg: 'later' }, stderr: 'marker', sleepMs: 200 } },
          ],
        });
        const started = Date.now();
        const result = await callSpy('spy-a', { ...addEnv, CNI_COMMAND: 'DEL' }, config());
        expect(Date.now() - started).toBeGreaterThanOrEqual(200);
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout)).toMatchObject({ code: 11, msg: 'later' });
        expect(result.stderr).toBe('marker');
        const [record] = await records();
        expect(record).toMatchObject({ exitCode: 1, behaviour: 'fail 11' });
      });

      it('answers VERSION with the chosen list and echoes the request version', async () => {
        await control({ rules: [{ verb: 'VERSION', behaviour: { versions: ['0.4.0', '1.0.0'] } }] });
        const result = await callSpy('spy-a', { CNI_COMMAND: 'VERSION' }, '{"cniVersion":"1.0.0"}');
        expect(JSON.parse(result.stdout)).toEqual({
          cniVersion: '1.0.0',
          supportedVersions: ['0.4.0', '1.0.0'],
        });
      });
    });

    describe('when the config names a spy directory', () => {
      it('logs there instead of the sidecar directory', async () => {
        const other = join(root, 'other');
        await callSpy('spy-a', addEnv, config({ spyDir: other }));
        expect(await records(other)).toHaveLength(1);
      });
    });
  });
});
