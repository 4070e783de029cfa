/** Plain-text renderings of a check's transcript, shared by the JUnit, HTML and terminal renderers. */
import type { TranscriptEntry } from './transcript.ts';

function formatEnv(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** One block per entry: the call (env + stdin) and what the plugin printed. */
export function formatTranscript(entries: readonly TranscriptEntry[]): string {
  return entries
    .map((entry, index) => {
      const n = `#${index + 1}`;
      if (entry.type === 'container')
        return `${n} container ${entry.action} ${entry.name} ${entry.netnsPath}`.trim();
      if (entry.type === 'command') {
        return `${n} $ ${entry.argv.join(' ')}${entry.container ? ` (in ${entry.container})` : ''} → exit ${entry.exitCode}`;
      }
      const end = entry.signal ? `signal ${entry.signal}` : `exit ${entry.exitCode}`;
      return [
        `${n} ${entry.verb} ${entry.file} → ${end}, ${entry.kind}, ${Math.round(entry.durationMs)} ms`,
        `   env: ${formatEnv(entry.env)}`,
        `   stdin: ${entry.stdin ?? '(closed)'}`,
        entry.stdout.trim() ? `   stdout: ${entry.stdout.trim()}` : '   stdout: (empty)',
        entry.stderr.trim() ? `   stderr: ${entry.stderr.trim()}` : '   stderr: (empty)',
      ].join('\n');
    })
    .join('\n');
}

/** What the plugin printed on one stream across the check, labelled per call. */
export function collectStream(entries: readonly TranscriptEntry[], stream: 'stdout' | 'stderr'): string {
  return entries
    .flatMap((entry) =>
      entry.type === 'plugin' && entry[stream].trim() ? [`[${entry.verb}] ${entry[stream].trim()}`] : [],
    )
    .join('\n');
}
