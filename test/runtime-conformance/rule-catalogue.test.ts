/**
 * Runtime rules and the requirement catalogue (src/spec/requirements.ts) agree: every rule judges a catalogued
 * requirement, at the catalogue's level, save where the notes give an aspect its own level.
 */
import { describe, expect, it } from 'vitest';
import { RUNTIME_RULES } from '../../src/runtime-conformance/judge.ts';
import { findRequirement } from '../../src/spec/requirements.ts';

/** Aspects whose level the notes tag apart from the requirement's: "MUST for CHECK; SHOULD for DEL". */
const ASPECT_LEVELS: Readonly<Record<string, string>> = {
  "R-ENV-4 DEL reuses the ADD's CNI_NETNS and CNI_ARGS": 'SHOULD',
};

describe('runtime rules against the requirement catalogue', () => {
  it.each(RUNTIME_RULES.map((rule) => [rule.id, rule.title, rule] as const))('%s (%s)', (id, title, rule) => {
    const requirement = findRequirement(id);
    expect(requirement, `${id} is not in the catalogue`).toBeDefined();
    const aspect = ASPECT_LEVELS[`${id} ${title}`];
    expect(rule.level).toBe(aspect ?? requirement?.level);
  });
});
