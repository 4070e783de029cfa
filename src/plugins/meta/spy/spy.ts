/**
 * The spy plugin: records every invocation as one JSON line and answers as its control file scripts,
 * so a runtime's calls can be judged afterwards (the spy design, suites/runtime/README.md). Node built-ins only: it must start fast.
 */
import { appendFileSync, mkdirSync, readFileSync, readlinkSync, statfsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAllSync } from '../../skel/fd-write.ts';
import { buildAddResult, buildVersionReply, type CallKey, selectBehaviour } from './behaviour.ts';
import { locateSpyDir } from './locate.ts';
import {
  SPY_CONTROL_FILE,
  SPY_LOG_FILE,
  type SpyBehaviour,
  type SpyControl,
  type SpyNetnsProbe,
  type SpyRecord,
} from './record.ts';

const NSFS_MAGIC = 0x6e736673;

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function parseJson(raw: string): { value: unknown; error?: string } {
  if (raw.trim() === '') return { value: null };
  try {
    return { value: JSON.parse(raw) };
  } catch (error) {
    return { value: null, error: String(error) };
  }
}

function readControl(dir: string): SpyControl {
  try {
    return JSON.parse(readFileSync(join(dir, SPY_CONTROL_FILE), 'utf8')) as SpyControl;
  } catch {
    return {};
  }
}

function probeNetns(path: string | undefined): SpyNetnsProbe | null {
  if (!path) return null;
  try {
    const type = statfsSync(path).type;
    return { path, fsType: type.toString(16), isNsfs: type === NSFS_MAGIC };
  } catch (error) {
    return { path, fsType: null, isNsfs: false, error: String(error) };
  }
}

function selfNetns(): string | null {
  try {
    return readlinkSync('/proc/self/ns/net');
  } catch {
    return null;
  }
}

function splitEnv(env: NodeJS.ProcessEnv): { cni: Record<string, string>; others: string[] } {
  const cni: Record<string, string> = {};
  const others: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('CNI_')) cni[name] = value ?? '';
    else others.push(name);
  }
  return { cni, others: others.sort() };
}

interface Answer {
  readonly exitCode: number;
  readonly stdout: string;
  readonly summary: string;
}

function stringField(config: unknown, key: string): string {
  const value = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[key] : '';
  return typeof value === 'string' ? value : '';
}

function answer(behaviour: SpyBehaviour, key: CallKey, config: unknown, netns: string): Answer {
  const version = stringField(config, 'cniVersion');
  const { fail } = behaviour;
  if (fail) {
    const error = {
      cniVersion: version || undefined,
      code: fail.code,
      msg: fail.msg ?? 'spy: scripted failure',
    };
    const body = fail.details === undefined ? error : { ...error, details: fail.details };
    return {
      exitCode: fail.exitCode ?? 1,
      stdout: fail.rawStdout ?? JSON.stringify(body),
      summary: `fail ${fail.code}`,
    };
  }
  if (key.verb === 'VERSION') {
    return { exitCode: 0, stdout: JSON.stringify(buildVersionReply(behaviour, version)), summary: 'version' };
  }
  if (key.verb !== 'ADD') return { exitCode: 0, stdout: '', summary: 'ok' };
  const prevResult =
    typeof config === 'object' && config !== null
      ? (config as Record<string, unknown>).prevResult
      : undefined;
  const result = buildAddResult(behaviour, { version, prevResult, spyName: key.type, netns });
  const mode = typeof behaviour.result === 'object' ? 'canned' : (behaviour.result ?? 'annotate');
  return { exitCode: 0, stdout: JSON.stringify(result), summary: behaviour.mutate ? `${mode}+mutate` : mode };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs one spy invocation. `scriptPath` is the path the spy was executed as: its basename is the plugin type
 * it answers for and its directory may hold the sidecar naming the spy directory.
 */
export function runSpy(scriptPath: string): void {
  const stdinRaw = readStdin();
  const parsed = parseJson(stdinRaw);
  const { cni, others } = splitEnv(process.env);
  const netnsProbe = probeNetns(cni.CNI_NETNS);
  const dir = locateSpyDir(parsed.value, process.env, scriptPath);
  const key: CallKey = {
    type: basename(scriptPath),
    verb: cni.CNI_COMMAND ?? '',
    containerId: cni.CNI_CONTAINERID ?? '',
    ifname: cni.CNI_IFNAME ?? '',
  };
  const behaviour = selectBehaviour(readControl(dir), key);
  if (behaviour.sleepMs) sleep(behaviour.sleepMs);
  if (behaviour.stderr) writeAllSync(2, behaviour.stderr);
  const result = answer(behaviour, key, parsed.value, cni.CNI_NETNS ?? '');
  const record: SpyRecord = {
    kind: 'invocation',
    tsStart: performance.timeOrigin,
    tsEnd: performance.timeOrigin + performance.now(),
    pid: process.pid,
    ppid: process.ppid,
    calledAs: key.type,
    env: cni,
    otherEnvNames: others,
    stdinRaw,
    stdin: parsed.value,
    ...(parsed.error === undefined ? {} : { stdinError: parsed.error }),
    selfNetns: selfNetns(),
    netns: netnsProbe,
    behaviour: result.summary,
    exitCode: result.exitCode,
    stdout: result.stdout,
  };
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, SPY_LOG_FILE), `${JSON.stringify(record)}\n`);
  writeAllSync(1, result.stdout);
  process.exitCode = result.exitCode;
}
