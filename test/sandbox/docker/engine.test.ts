/** Without an engine the docker sandbox says why (a skip reason, a prerequisite error), never throws. */
import { afterEach, describe, expect, it } from 'vitest';
import { probeEngine, runDockerConformance } from '../../../src/sandbox/docker/index.ts';
import { innerRunOptions } from '../support/run-options.ts';

const saved = process.env.DOCKER_HOST;
afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = saved;
});

describe('an unreachable engine', () => {
  it('is a reason naming the fix', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    const status = await probeEngine();
    expect(status.reachable).toBe(false);
    expect(!status.reachable && status.reason).toMatch(
      /no Docker engine reachable .*scripts\/ci\/docker\.sh/,
    );
  });

  it('makes --sandbox docker exit 2 with the prerequisite code', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    const written: string[] = [];
    const io = { stdout: { write: () => {} }, stderr: { write: (text: string) => written.push(text) } };
    const options = innerRunOptions('/nonexistent');
    expect(await runDockerConformance('/usr/lib/cni/bridge', options, io, '/nonexistent')).toBe(2);
    expect(written.join('')).toMatch(/CNI_CONFORMANCE_PREREQUISITE_MISSING: no Docker engine reachable/);
  });
});
