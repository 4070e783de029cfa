/**
 * `--help` for the subcommands that parse their own arguments (exec, plugins, runtime): commander hands them the
 * raw arguments, so each answers `--help`/`-h` itself with a text listing its options, and exits 0.
 */

/** Where a subcommand that parses its own arguments writes. `process` fits. */
export interface SubcommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** True when the arguments ask for help (`--help`, `-h`, or a leading `help`). */
export function wantsHelp(args: readonly string[]): boolean {
  return args[0] === 'help' || args.includes('--help') || args.includes('-h');
}

/** Writes the help text (ending in one newline) and returns exit code 0. */
export function printHelp(io: Pick<SubcommandIo, 'stdout'>, text: string): 0 {
  io.stdout.write(`${text.trimEnd()}\n`);
  return 0;
}
