/** Plugin-suite files (relative to the package root) whose source cites `id` as a quoted string. */
export declare function suiteFilesCiting(id: string): string[];
/** Every plugin-suite file written with these tests (not the engine's env/vcmd examples). */
export declare function ownSuiteFiles(): string[];
