/**
 * Running helper programs (ip, bridge, iptables, nft, flock) as argv arrays — never shell strings built
 * from input. node:child_process directly: execa would add start-up time to every plugin call.
 */
import { spawn } from 'node:child_process';
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

/** What a helper program did. */
export interface CommandOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all (exit code 127): why. */
  readonly spawnError?: string;
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** Written to stdin, which is then closed. */
  readonly input?: string;
  /** Environment; the plugin's own when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Pass the program's stderr through to ours instead of collecting it (a delegate's, P-DLG-*). */
  readonly passStderr?: boolean;
}

/** The part of Bun's own spawn (https://bun.com/docs/api/spawn) used here. */
interface BunRuntime {
  spawn(
    argv: string[],
    options: {
      env: NodeJS.ProcessEnv;
      stdin: Uint8Array;
      stdout: 'pipe';
      stderr: 'pipe' | 'inherit';
    },
  ): {
    readonly stdout: ReadableStream<Uint8Array>;
    readonly stderr: ReadableStream<Uint8Array> | number | undefined;
    readonly exited: Promise<number>;
    readonly exitCode: number | null;
  };
}

/** Bun, when this is the native build: its spawn costs ~15 ms less CPU than node:child_process's streams there. */
const bun = (globalThis as { Bun?: BunRuntime }).Bun;

async function runWithBun(
  runtime: BunRuntime,
  argv: string[],
  options: RunCommandOptions,
): Promise<CommandOutcome> {
  let child: ReturnType<BunRuntime['spawn']>;
  try {
    child = runtime.spawn(argv, {
      env: options.env ?? process.env,
      stdin: Buffer.from(options.input ?? ''),
      stdout: 'pipe',
      stderr: options.passStderr ? 'inherit' : 'pipe',
    });
  } catch (error) {
    // Worded as node:child_process words it ("spawn ip ENOENT"), so both builds report the same.
    const { code, message: raw } = error as NodeJS.ErrnoException;
    const message = code ? `spawn ${argv[0]} ${code}` : raw;
    return { exitCode: 127, stdout: '', stderr: message, spawnError: message };
  }
  const stderr = child.stderr;
  const [stdout, errText] = await Promise.all([
    new Response(child.stdout).text(),
    stderr instanceof ReadableStream ? new Response(stderr).text() : '',
    child.exited,
  ]);
  // Killed by a signal: no exit code, as node:child_process reports it.
  return { exitCode: child.exitCode ?? 128, stdout, stderr: errText };
}

function runWithNode(argv: string[], options: RunCommandOptions): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', options.passStderr ? 'inherit' : 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin?.on('error', () => {
      // The program may exit without reading its input; its exit status tells what happened.
    });
    child.on('error', (error) =>
      resolve({ exitCode: 127, stdout: '', stderr: error.message, spawnError: error.message }),
    );
    child.on('close', (code) => {
      resolve({
        exitCode: code ?? 128,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** Runs `argv` and resolves with its outcome; a spawn failure resolves with exit code 127. */
export function runCommand(
  argv: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandOutcome> {
  return bun ? runWithBun(bun, [...argv], options) : runWithNode([...argv], options);
}

/** Runs `argv` and returns its stdout; a non-zero exit becomes a PluginError quoting the program's stderr. */
export async function runChecked(argv: readonly string[], options: RunCommandOptions = {}): Promise<string> {
  const outcome = await runCommand(argv, options);
  if (outcome.exitCode !== 0) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `${argv[0]} failed: ${outcome.stderr.trim() || `exit ${outcome.exitCode}`}`,
      argv.join(' '),
    );
  }
  return outcome.stdout;
}
