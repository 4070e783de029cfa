/**
 * Vitest tag definitions generated from the requirement catalogue: every ID and every `level-*`. With
 * `strictTags`, a check citing a mistyped ID fails at collection, and `--only P-ENV-*` maps onto `tagsFilter`.
 */
import { type Level, REQUIREMENTS } from '../spec/requirements.ts';

/** A tag as vitest's `test.tags` config takes it. */
export interface TagDefinition {
  readonly name: string;
  readonly description: string;
}

const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY', 'IMPL', 'INFO'];

/** Every tag a check may carry. */
export function buildTagDefinitions(): TagDefinition[] {
  return [
    ...REQUIREMENTS.map((r) => ({ name: r.id, description: `[${r.notesLevel || r.level}] ${r.summary}` })),
    ...LEVELS.map((level) => ({ name: `level-${level.toLowerCase()}`, description: `judged at ${level}` })),
  ];
}
