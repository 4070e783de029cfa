import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Gate } from '../../src/runtime/locks.ts';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { Runtime } from '../../src/runtime/runtime.ts';
import type { Executor, ProcessOutcome, ProcessRequest } from '../../src/sandbox/process.ts';
import { processOutcome } from './support/fake-executor.ts';
import { useFakeRuntime } from './support/fake-runtime.ts';

/** An executor whose calls take 20 ms and which logs when each starts and ends. */
class SlowExecutor implements Executor {
  readonly events: string[] = [];

  async run(request: ProcessRequest): Promise<ProcessOutcome> {
    const label = `${request.env.CNI_COMMAND} ${request.env.CNI_CONTAINERID ?? '-'}`;
    this.events.push(`start ${label}`);
    await sleep(20);
    this.events.push(`end ${label}`);
    const stdout = request.env.CNI_COMMAND === 'ADD' ? '{"cniVersion":"1.1.0"}' : '';
    return processOutcome({ stdout, durationMs: 20 });
  }
}

describe('Gate', () => {
  it('lets shared holders in together and an exclusive one alone, in arrival order', async () => {
    const gate = new Gate();
    const order: string[] = [];
    const releaseA = await gate.acquire(true);
    const releaseB = await gate.acquire(true);
    const exclusive = gate.acquire(false).then((release) => {
      order.push('exclusive');
      return release;
    });
    const lateShared = gate.acquire(true).then((release) => {
      order.push('late shared');
      return release;
    });
    await sleep(1);
    expect(order).toEqual([]);
    releaseA();
    releaseB();
    (await exclusive)();
    (await lateShared)();
    expect(order).toEqual(['exclusive', 'late shared']);
  });
});

describe('Runtime operation ordering', () => {
  // Only the scratch directories: these tests bring their own (slow) executor.
  const rig = useFakeRuntime(['a']);
  const list = buildNetworkList({ cniVersion: '1.1.0', name: 'n', plugins: [{ type: 'a' }] });
  const attachment = (containerId: string, ifname = 'eth0') => ({
    containerId,
    netns: `/run/netns/${containerId}`,
    ifname,
  });
  /** A Runtime over a fresh SlowExecutor; `serializeOperations: false` is the Runtime's default. */
  const slowRuntime = (serializeOperations: boolean) => {
    const executor = new SlowExecutor();
    const { binDir, cacheDir } = rig.dirs;
    return { executor, runtime: new Runtime({ executor, cniPath: [binDir], cacheDir, serializeOperations }) };
  };

  it('runs operations of one container one at a time, across its attachments (R-LIFE-1)', async () => {
    const { executor, runtime } = slowRuntime(true);
    await Promise.all([
      runtime.addNetworkList(list, attachment('c1')),
      runtime.addNetworkList(list, attachment('c1', 'eth1')),
    ]);
    expect(executor.events).toEqual(['start ADD c1', 'end ADD c1', 'start ADD c1', 'end ADD c1']);
  });

  it('runs different containers in parallel', async () => {
    const { executor, runtime } = slowRuntime(true);
    await Promise.all([
      runtime.addNetworkList(list, attachment('c1')),
      runtime.addNetworkList(list, attachment('c2')),
    ]);
    expect(executor.events.slice(0, 2)).toEqual(['start ADD c1', 'start ADD c2']);
  });

  it('starts GC only after in-flight ADDs end, and holds later ADDs until it ends (R-GC-3)', async () => {
    const { executor, runtime } = slowRuntime(true);
    const first = runtime.addNetworkList(list, attachment('c1'));
    await sleep(1);
    const gc = runtime.gcNetworkList(list, [{ containerID: 'c1', ifname: 'eth0' }]);
    const later = runtime.addNetworkList(list, attachment('c2'));
    await Promise.all([first, gc, later]);
    expect(executor.events).toEqual([
      'start ADD c1',
      'end ADD c1',
      'start GC -',
      'end GC -',
      'start ADD c2',
      'end ADD c2',
    ]);
  });

  it('does not serialise unless asked (callers may hold their own locks)', async () => {
    const { executor, runtime } = slowRuntime(false);
    await Promise.all([
      runtime.addNetworkList(list, attachment('c1')),
      runtime.addNetworkList(list, attachment('c1', 'eth1')),
    ]);
    expect(executor.events.slice(0, 2)).toEqual(['start ADD c1', 'start ADD c1']);
  });
});
