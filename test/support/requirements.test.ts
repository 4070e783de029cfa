import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRequirement, REQUIREMENTS, requirementAppliesAt } from '../../src/spec/requirements.ts';

// The catalogue must follow the notes: same IDs, same level tags. CI has the notes at ../shared too.
const NOTES = readFileSync(new URL('../../../shared/cni-spec-notes.md', import.meta.url), 'utf8');

function parseNotes(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const match of NOTES.matchAll(/^- ((?:P|R)-[A-Z]+-\d+) (?:\[([^\]]*)\])?/gm)) {
    tags.set(match[1] as string, match[2] ?? '');
  }
  return tags;
}

describe('requirements catalogue', () => {
  const notes = parseNotes();

  it('has every requirement ID of the notes, and no other non-derived ID', () => {
    const catalogued = REQUIREMENTS.filter((r) => !r.derived).map((r) => r.id);
    expect(catalogued.sort()).toEqual([...notes.keys()].sort());
  });

  it('copies each level tag verbatim', () => {
    const drifted = REQUIREMENTS.filter((r) => !r.derived && notes.get(r.id) !== r.notesLevel).map(
      (r) => r.id,
    );
    expect(drifted).toEqual([]);
  });

  it('derives the level from the tag', () => {
    expect(findRequirement('P-ENV-2')).toMatchObject({ level: 'MUST', implPart: true });
    expect(findRequirement('P-ADD-4')).toMatchObject({ level: 'IMPL' });
    expect(findRequirement('P-VCMD-2')).toMatchObject({ level: 'SHOULD', side: 'plugin', area: 'VCMD' });
    expect(findRequirement('R-GC-4')).toMatchObject({ level: 'MUST', side: 'runtime' });
    expect(findRequirement('P-GC-5')).toMatchObject({ level: 'INFO' });
  });

  it('keeps derived IDs in sections the notes have', () => {
    for (const r of REQUIREMENTS.filter((req) => req.derived)) {
      expect(NOTES).toContain(`### ${r.section} `);
      expect(notes.has(r.id)).toBe(false);
    }
  });

  it('scopes requirements to the versions that have them', () => {
    const check = findRequirement('P-CHK-1');
    const legacy = findRequirement('P-RES-3');
    if (!check || !legacy) throw new Error('missing');
    expect(requirementAppliesAt(check, '0.3.1')).toBe(false);
    expect(requirementAppliesAt(check, '0.4.0')).toBe(true);
    expect(requirementAppliesAt(legacy, '0.2.0')).toBe(true);
    expect(requirementAppliesAt(legacy, '0.3.0')).toBe(false);
  });
});
