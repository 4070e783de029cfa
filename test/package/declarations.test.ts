import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const project = mkdtempSync(join(tmpdir(), 'cnc-consumer-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the package as a library', () => {
  it('ships declarations that type-check a consumer of the documented API', () => {
    // `npm test` emits them (npm run build:types); a stale or missing dist/types is a set-up error here.
    expect(existsSync(join(ROOT, 'dist/types/index.d.ts')), 'run `npm run build:types` first').toBe(true);
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/cni-conformance'));
    symlinkSync(join(ROOT, 'node_modules/@types'), join(project, 'node_modules/@types'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        files: [join(ROOT, 'test/package/consumer.ts')],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', cwd: project });
    expect(run).not.toThrow();
  }, 180_000);
});
