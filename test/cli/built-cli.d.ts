export declare const ROOT: string;
export declare const CLI: string;
/** Builds dist/cli.js unless it is newer than every file under src/. */
export declare function ensureBuilt(): void;
/** A fresh working directory (reports land in its reports/). */
export declare function scratchDir(): string;
/** Runs the CLI; never rejects. */
export declare function runCli(
  args: readonly string[],
  cwd: string,
): Promise<{
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}>;
