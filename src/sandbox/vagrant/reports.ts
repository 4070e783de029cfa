/**
 * Reports come back from the guest as one base64 line of a gzipped tar on `vagrant ssh` stdout (vagrant
 * has no download command, and this works the same for every provider); ../inner-run.ts copies them to
 * the paths the caller asked for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { HostCommandError, type HostCommandRunner, runHostCommand } from '../host-command.ts';
import { DEFAULT_PATH } from '../host-executor.ts';
import { quoteArgv } from './shell-quote.ts';

/** The guest command that prints the report directory as base64 gzipped tar on one line. */
export function packReportsCommand(guestReportDir: string): string {
  return `${quoteArgv(['sudo', '-n', 'tar', '-C', guestReportDir, '-czf', '-', '.'])} | ${quoteArgv(['base64', '-w0'])}`;
}

/** Decodes the packed reports into `into` (a fresh host directory); tar runs through `run`. */
export async function unpackReports(
  stdout: string,
  into: string,
  run: HostCommandRunner = runHostCommand,
): Promise<void> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (!/^[A-Za-z0-9+/=]+$/.test(line)) {
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      'vagrant sandbox: the guest did not send a report archive',
    );
  }
  mkdirSync(into, { recursive: true });
  const archive = join(into, '..', 'reports.tar.gz');
  writeFileSync(archive, Buffer.from(line, 'base64'));
  await run('tar', ['-xzf', archive, '-C', into], { env: { PATH: DEFAULT_PATH } }).catch((error: unknown) => {
    if (!(error instanceof HostCommandError)) throw error;
    throw new HarnessError(
      'CNI_CONFORMANCE_SANDBOX_FAILED',
      `vagrant sandbox: report archive unreadable: ${error.message}`,
      { cause: error },
    );
  });
}
