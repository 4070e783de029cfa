import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS_DOC, renderRequirementsDoc } from '../../scripts/requirements-doc.ts';

describe('docs/requirements.md', () => {
  it('is what `npm run docs` generates from the catalogue, the suites and the fixtures', () => {
    const committed = readFileSync(REQUIREMENTS_DOC, 'utf8');
    expect(committed === renderRequirementsDoc(), 'docs/requirements.md is stale: run `npm run docs`').toBe(
      true,
    );
  });
});
