import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectSuiteFiles } from '../../src/cli/suite-files.ts';

function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'suite-files-'));
  mkdirSync(join(root, 'suites/plugin/env'), { recursive: true });
  mkdirSync(join(root, 'suites/plugin/del'), { recursive: true });
  writeFileSync(join(root, 'suites/plugin/env/env.check.ts'), "check('P-ENV-1', 't', {}, body);");
  writeFileSync(
    join(root, 'suites/plugin/del/del.check.ts'),
    "check(['P-DEL-2', 'P-DEL-3'], 't', {}, body);",
  );
  writeFileSync(join(root, 'suites/plugin/del/shared.check.ts'), 'check(IDS.repeat, "t", {}, body);');
  writeFileSync(join(root, 'suites/plugin/del/helper.ts'), "export const X = 'P-ENV-1';");
  return root;
}

describe('selectSuiteFiles', () => {
  const root = fakeRoot();

  it('keeps files citing a selected ID and files citing no literal ID', () => {
    expect(
      selectSuiteFiles(root, ['P-DEL-*'])
        ?.map((f) => f.slice(root.length))
        .sort(),
    ).toEqual(['/suites/plugin/del/del.check.ts', '/suites/plugin/del/shared.check.ts']);
  });

  it('loads everything without --only or when a name (not an ID) is selected', () => {
    expect(selectSuiteFiles(root, [])).toBeUndefined();
    expect(selectSuiteFiles(root, ['P-ENV-1', 'CHECK passes'])).toBeUndefined();
  });
});
