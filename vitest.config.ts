import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The project's own tests. The conformance suites under suites/ are run by the CLI
// through vitest's Node API with vitest.suites.config.ts, never by this config.

/**
 * The `unit` project: pure logic, no root, no namespaces, no docker, no built CLI (`npm run test:unit`, well under
 * a minute). Everything else is the `integration` project (real plugins in real namespaces, daemons, the CLI).
 */
const UNIT = [
  'test/architecture/**/*.test.ts',
  'test/cli/suite-files.test.ts',
  'test/cluster/model.test.ts',
  'test/fuzz/judge.test.ts',
  'test/fuzz/parsers.test.ts',
  'test/plugins/ipam/host-local/**/*.test.ts',
  'test/plugins/skel/**/*.test.ts',
  'test/report/failure-text.test.ts',
  'test/report/model.test.ts',
  'test/report/verdict.test.ts',
  'test/runtime-conformance/capability-shapes.test.ts',
  'test/runtime-conformance/judge.test.ts',
  'test/runtime-conformance/real-logs.test.ts',
  'test/runtime-conformance/rule.test.ts',
  'test/runtime/find-plugin.test.ts',
  'test/runtime/load-config.test.ts',
  'test/runtime/network-config.test.ts',
  'test/sandbox/docker/command-line.test.ts',
  'test/sandbox/host-command.test.ts',
  'test/sandbox/vagrant/host-commands.test.ts',
  'test/spec/agreement-*.test.ts',
  'test/spec/convert.test.ts',
  'test/spec/fixtures.test.ts',
  'test/spec/identifiers.test.ts',
  'test/spec/parse.test.ts',
  'test/spec/pick-version.test.ts',
  'test/spec/schemas.test.ts',
  'test/spec/versions.test.ts',
  'test/spec/v100/**/*.test.ts',
  'test/support/**/*.test.ts',
];
/**
 * The longest files, longest first (the ten slowest of .ci/run's list): started first so that the short ones
 * fill the other worker around them instead of one long file starting last and running alone.
 */
const SLOW_FIRST = [
  'test/suites/fidelity-score.test.ts',
  'test/plugins/strict-conformance.test.ts',
  'test/suites/plugin/upstream-a.test.ts',
  'test/suites/plugin/upstream-b.test.ts',
  'test/upstream/pins-reproduce.test.ts',
  'test/cluster/fixtures.test.ts',
  'test/runtime-conformance/record-real-runtimes.test.ts',
  'test/runtime-conformance/containerd-cri.test.ts',
  'test/runtime-conformance/podman.test.ts',
  'test/runtime-conformance/containerd.test.ts',
  'test/fuzz/plugins.test.ts',
  'test/sandbox/crash-safety.test.ts',
];

/** vitest's order (failed, then longest by its cache, then largest), with SLOW_FIRST ahead of everything. */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the base order holds among files of equal rank.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

const shared = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Tests create network namespaces and spawn many processes; two cores. Shared by both projects.
    maxWorkers: 2,
    // The JSON report feeds .ci/run's list of the slowest test files.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      { test: { name: 'unit', include: UNIT, ...shared } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, 'node_modules/**'],
          ...shared,
        },
      },
    ],
  },
});
