/** Exit codes and the one-line error text of the CLI. */

/** Nothing failed. */
export const EXIT_OK = 0;
/** At least one check failed (or errored). */
export const EXIT_FAILED = 1;
/** Usage or setup error: the run could not start. */
export const EXIT_SETUP = 2;

/** The first line of an error's message, never a stack. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
