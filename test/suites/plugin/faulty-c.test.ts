/**
 * The plugin-suite checks also catch the shared faulty fixtures of manifest.ts whose requirement they cite
 * (the fidelity score test runs the same fixtures through the CLI with whole areas).
 */
import { describe } from 'vitest';
import { FAULTY_FIXTURES } from '../../../fixtures/faulty-plugins/manifest.ts';
import { testFixturesAreCaught } from './faulty-fixtures.ts';
import { suiteFilesCiting } from './suite-files.ts';

/** Requirements whose checks live in the engine's examples (env, vcmd) or in the fidelity suites. */
const NOT_OURS = /^P-(ENV|VCMD|CONC)-|^P-ADD-2$|^P-DLG-5$/;
const OWN_FILES = /^suites\/plugin\/(?!env\/|vcmd\/)/;

const shared = FAULTY_FIXTURES.filter(
  (fixture) =>
    !NOT_OURS.test(fixture.requirement) &&
    fixture.file !== 'P-DEL-1-ipam-releases-other-containers.sh' &&
    suiteFilesCiting(fixture.requirement).some((file) => OWN_FILES.test(file)),
).map((fixture) => ({ ...fixture, only: [fixture.requirement] }));

describe('plugin suites catch the shared faulty fixtures', { timeout: 120_000 }, () => {
  testFixturesAreCaught(shared);
});
