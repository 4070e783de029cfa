/** Where the package lives: the suites, vitest.suites.config.ts, default configs and dist/plugins are under it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding cni-conformance's package.json (works from src/cli/*.ts and from bundled dist/cli.js). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes('"name": "cni-conformance"'))
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the cni-conformance package above ${from}`);
    dir = parent;
  }
}

/** The package version, for reports. */
export function packageVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
