export declare const REPO_ROOT: string;
/** Every .ts file below `dir`, as repository-relative paths. */
export declare function sourceFiles(dir: string): string[];
/** The repository-relative files one file imports (relative specifiers only: packages are not ours). */
export declare function importsOf(file: string): string[];
/** Graph edges, file → imported files. */
export declare function importGraph(files: readonly string[]): Map<string, string[]>;
/** Strongly connected components with more than one member (Tarjan): each one is an import cycle. */
export declare function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][];
