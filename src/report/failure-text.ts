/**
 * A failure as people read it: without the test framework's noise, and bounded where a terminal shows it.
 * The reporter cleans every message once (all reports share it); the terminal prints the first lines of it.
 */

const NOISE: ReadonlyArray<readonly [RegExp, string]> = [
  // vitest's hint about which equality it used: nothing the plugin author can act on.
  [/ \/\/ Object\.is equality/g, ''],
  // A check reading a field the plugin's answer lacks: say which field.
  [
    /Cannot read properties of (undefined|null) \(reading '([^']*)'\)/g,
    'expected a value with field "$2", got $1',
  ],
];

/** The message without framework noise. */
export function cleanFailure(message: string): string {
  return NOISE.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/** Bounds for {@link boundFailure}. */
export interface FailureBounds {
  readonly maxLines: number;
  readonly maxLineChars: number;
}

/** The first `maxLines` lines, each clipped, and how many more the report holds. */
export function boundFailure(message: string, bounds: FailureBounds): string[] {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const clip = (line: string) =>
    line.length > bounds.maxLineChars ? `${line.slice(0, bounds.maxLineChars)}…` : line;
  const shown = lines.slice(0, bounds.maxLines).map(clip);
  const more = lines.length - shown.length;
  return more > 0 ? [...shown, `… ${more} more line(s) in the report`] : shown;
}
