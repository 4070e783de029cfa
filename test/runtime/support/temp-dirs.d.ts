/** A scratch directory removed by `cleanup`. */
export interface ScratchDirs {
  readonly root: string;
  readonly binDir: string;
  readonly confDir: string;
  readonly cacheDir: string;
  cleanup(): Promise<void>;
}
export declare function makeScratchDirs(): Promise<ScratchDirs>;
/** Creates empty executable files named after each type (for a fake executor that never execs them). */
export declare function installFakePlugins(binDir: string, types: readonly string[]): Promise<void>;
/** The recording fixture plugin. */
export declare const RECORDING_PLUGIN: string;
/** Installs the recording plugin under each type name (symlinks). */
export declare function installRecordingPlugins(binDir: string, types: readonly string[]): Promise<void>;
