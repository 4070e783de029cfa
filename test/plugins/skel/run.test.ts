import { describe, expect, it } from 'vitest';
import { PLUGIN_ERROR_CODES } from '../../../src/plugins/skel/errors.ts';
import type { PluginRequest } from '../../../src/plugins/skel/request.ts';
import { invokeDefinition, type PluginDefinition } from '../../../src/plugins/skel/run.ts';
import { ERROR_CODES } from '../../../src/spec/error.ts';
import { CNI_VERSIONS } from '../../../src/spec/versions.ts';

/** A definition whose handlers record what they were called with. */
function recordingDefinition() {
  const calls: { verb: string; request: PluginRequest }[] = [];
  const record = (verb: string) => async (request: PluginRequest) => {
    calls.push({ verb, request });
  };
  const definition: PluginDefinition = {
    name: 'recorder',
    handlers: {
      ADD: async (request) => {
        calls.push({ verb: 'ADD', request });
        return { result: { ips: [{ address: '10.0.0.2/24', gateway: '10.0.0.1' }] } };
      },
      DEL: record('DEL'),
      CHECK: record('CHECK'),
      GC: record('GC'),
      STATUS: record('STATUS'),
    },
  };
  return { definition, calls };
}

const ATTACHMENT = {
  CNI_CONTAINERID: 'c1',
  CNI_NETNS: '/var/run/netns/x',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/opt/cni/bin',
};

function invoke(env: Record<string, string>, stdin: unknown) {
  const { definition, calls } = recordingDefinition();
  const raw = typeof stdin === 'string' ? stdin : JSON.stringify(stdin);
  return invokeDefinition(definition, (name) => env[name], raw).then((output) => ({
    ...output,
    json: output.stdout === '' ? undefined : (JSON.parse(output.stdout) as Record<string, unknown>),
    calls,
  }));
}

describe('skel', () => {
  it('keeps its error codes equal to the spec table', () => {
    for (const [name, code] of Object.entries(PLUGIN_ERROR_CODES)) {
      expect(ERROR_CODES[name as keyof typeof ERROR_CODES]).toBe(code);
    }
  });

  describe('when env variables are missing', () => {
    it('reports every missing variable of the verb in one code-4 error', async () => {
      const out = await invoke({ CNI_COMMAND: 'ADD' }, { cniVersion: '1.0.0', name: 'n' });
      expect(out.exitCode).toBe(1);
      expect(out.json).toMatchObject({ code: 4, cniVersion: '1.0.0' });
      expect(out.json?.msg).toContain('CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME');
    });

    it('requires CNI_PATH for GC only, as the spec says', async () => {
      const gc = await invoke({ CNI_COMMAND: 'GC' }, { cniVersion: '1.1.0', name: 'n' });
      expect(gc.json).toMatchObject({ code: 4, msg: 'required env variables [CNI_PATH] missing' });
      const status = await invoke({ CNI_COMMAND: 'STATUS' }, { cniVersion: '1.1.0', name: 'n' });
      expect(status.exitCode).toBe(0);
    });

    it('rejects a missing or unknown CNI_COMMAND with code 4', async () => {
      expect((await invoke({}, {})).json).toMatchObject({ code: 4 });
      expect((await invoke({ CNI_COMMAND: 'FROB' }, {})).json).toMatchObject({
        code: 4,
        msg: 'unknown CNI_COMMAND: FROB',
      });
    });
  });

  describe('when identifiers are invalid', () => {
    it.each(['-abc', '_x', 'a/b', 'a b', 'ä', 'a:b'])('rejects container ID %j with code 4', async (id) => {
      const out = await invoke(
        { CNI_COMMAND: 'ADD', ...ATTACHMENT, CNI_CONTAINERID: id },
        { cniVersion: '1.0.0', name: 'n' },
      );
      expect(out.json).toMatchObject({ code: 4, details: id });
    });

    it.each(['sixteen-chars-xx', 'eth 0', 'a/b', 'a:b', '.', '..'])(
      'rejects ifname %j with code 4',
      async (ifname) => {
        const out = await invoke(
          { CNI_COMMAND: 'DEL', ...ATTACHMENT, CNI_IFNAME: ifname },
          { cniVersion: '1.0.0', name: 'n' },
        );
        expect(out.json).toMatchObject({ code: 4 });
      },
    );

    it('accepts a 15-byte ifname', async () => {
      const out = await invoke(
        { CNI_COMMAND: 'DEL', ...ATTACHMENT, CNI_IFNAME: 'fifteen-chars-x' },
        { cniVersion: '1.0.0', name: 'n' },
      );
      expect(out.exitCode).toBe(0);
    });
  });

  describe('when stdin is malformed', () => {
    it('fails undecodable JSON with code 6', async () => {
      const out = await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, '{nope');
      expect(out.json).toMatchObject({ code: 6, cniVersion: '1.1.0' });
    });

    it('fails empty stdin with code 6', async () => {
      expect((await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, '')).json).toMatchObject({ code: 6 });
    });

    it('fails a non-string type with code 7', async () => {
      const out = await invoke(
        { CNI_COMMAND: 'ADD', ...ATTACHMENT },
        { cniVersion: '1.0.0', name: 'n', type: false },
      );
      expect(out.json).toMatchObject({ code: 7, msg: 'type must be a string' });
    });

    it('fails a missing or invalid network name with code 7', async () => {
      expect(
        (await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, { cniVersion: '1.0.0' })).json,
      ).toMatchObject({ code: 7 });
      const bad = await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, { cniVersion: '1.0.0', name: 'a/b' });
      expect(bad.json).toMatchObject({ code: 7, details: 'a/b' });
    });
  });

  describe('when versions do not match', () => {
    it('fails an unsupported version with code 1', async () => {
      const out = await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, { cniVersion: '9.9.9', name: 'n' });
      expect(out.json).toMatchObject({ code: 1, msg: 'incompatible CNI versions' });
    });

    it.each([
      ['CHECK', '0.3.1'],
      ['GC', '1.0.0'],
      ['STATUS', '1.0.0'],
    ])('refuses %s at %s with code 1 before calling the handler', async (verb, version) => {
      const out = await invoke({ CNI_COMMAND: verb, ...ATTACHMENT }, { cniVersion: version, name: 'n' });
      expect(out.json).toMatchObject({
        code: 1,
        msg: `config version does not allow ${verb}`,
        cniVersion: version,
      });
      expect(out.calls).toHaveLength(0);
    });

    it('treats a missing cniVersion as 0.1.0 and answers in that format', async () => {
      const out = await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, { name: 'n' });
      expect(out.json).toEqual({ cniVersion: '0.1.0', ip4: { ip: '10.0.0.2/24', gateway: '10.0.0.1' } });
    });
  });

  describe('when everything is valid', () => {
    it('answers VERSION with every released version and echoes the asked cniVersion', async () => {
      const out = await invoke({ CNI_COMMAND: 'VERSION' }, { cniVersion: '0.4.0' });
      expect(out.json).toEqual({ cniVersion: '0.4.0', supportedVersions: [...CNI_VERSIONS] });
    });

    it('converts the ADD result to the request version', async () => {
      const out = await invoke({ CNI_COMMAND: 'ADD', ...ATTACHMENT }, { cniVersion: '0.3.1', name: 'n' });
      expect(out.json).toEqual({
        cniVersion: '0.3.1',
        ips: [{ version: '4', address: '10.0.0.2/24', gateway: '10.0.0.1' }],
      });
    });

    it.each(['DEL', 'CHECK', 'GC', 'STATUS'])('prints nothing on %s success', async (verb) => {
      const out = await invoke({ CNI_COMMAND: verb, ...ATTACHMENT }, { cniVersion: '1.1.0', name: 'n' });
      expect(out).toMatchObject({ exitCode: 0, stdout: '' });
      expect(out.calls.map((call) => call.verb)).toEqual([verb]);
    });
  });
});
