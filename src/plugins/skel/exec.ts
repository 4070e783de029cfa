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
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** Written to stdin, which is then closed. */
  readonly input?: string;
  /** Environment; the plugin's own when absent. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `argv` and resolves with its outcome; a spawn failure resolves with exit code 127. */
export function runCommand(
  argv: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {
      // The program may exit without reading its input; its exit status tells what happened.
    });
    child.on('error', (error) => resolve({ exitCode: 127, stdout: '', stderr: error.message }));
    child.on('close', (code) => {
      resolve({
        exitCode: code ?? 128,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin.end(options.input ?? '');
  });
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
