/**
 * `vagrant ssh -c` hands one string to the guest's login shell. The driver builds that string only from
 * argv arrays, quoting every word, so no value (a plugin path, a requirement ID) is ever parsed as shell.
 */

/** Quotes one word for a POSIX shell: single quotes, with each embedded `'` written as `'\''`. */
export function quoteWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Joins an argv array into a command line a POSIX shell splits back into exactly that argv. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

/** Joins several argv arrays with `&&`, so the guest stops at the first failing step. */
export function quoteSteps(steps: readonly (readonly string[])[]): string {
  return steps.map(quoteArgv).join(' && ');
}
