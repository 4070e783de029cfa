/**
 * JUnit XML via junit-report-builder: one testsuite per suite file, one testcase per check and version, with
 * properties (requirement, level, cniVersion, profile, verdict) and the plugin's stdout/stderr.
 * Only `fail` and `error` verdicts are JUnit failures; warnings and infos pass with their message in system-out.
 */
import type { Builder, TestSuite } from 'junit-report-builder';
import junitModule from 'junit-report-builder';
import type { CheckRecord, ReportModel } from './model.ts';
import { collectStream, formatTranscript } from './transcript-text.ts';

// The package is CommonJS (`module.exports = builder`) but its types declare an ES default; accept both shapes.
const junitFactory = ((junitModule as unknown as { default?: Builder }).default ??
  junitModule) as unknown as Builder;

function addCase(suite: TestSuite, check: CheckRecord, model: ReportModel): void {
  const testCase = suite
    .testCase()
    .className(`cni-conformance.${check.suite.replace(/\//g, '.')}`)
    .name(check.title)
    .file(check.file)
    .time(check.durationMs / 1000)
    .property('requirement', check.ids.join(','))
    .property('level', check.level)
    .property('specLevel', check.specLevel)
    .property('cniVersion', check.version ?? '')
    .property('profile', model.run?.profile ?? '')
    .property('verdict', check.verdict);
  if (check.skipReason) testCase.property('skipReason', check.skipReason).skipped();
  if (check.knownBug) {
    testCase.property('knownUpstreamBug', check.knownBug.id);
    testCase.property('knownUpstreamBugReference', check.knownBug.reference);
    testCase.property('knownUpstreamBugReproduced', check.knownBug.reproduced);
  }
  if (check.reproScript) testCase.property('reproScript', check.reproScript);
  const message = check.failure ?? '';
  if (check.verdict === 'fail')
    testCase.failure(
      `${check.ids.join(', ')} [${check.level}]: ${message}${check.knownBug ? `\nknown upstream bug ${check.knownBug.id} (${check.knownBug.reference})` : ''}`,
      'ConformanceFailure',
    );
  if (check.verdict === 'error') testCase.error(message, 'HarnessError');
  const out = collectStream(check.transcript, 'stdout');
  const notes =
    check.outcome === 'failed' && check.verdict !== 'fail' ? `${check.verdict}: ${message}\n` : '';
  const transcript =
    check.outcome === 'failed' ? `\n--- transcript ---\n${formatTranscript(check.transcript)}` : '';
  if (notes || out || transcript) testCase.standardOutput(`${notes}${out}${transcript}`);
  const err = collectStream(check.transcript, 'stderr');
  if (err) testCase.standardError(err);
}

/** The JUnit XML document. */
export function renderJunit(model: ReportModel): string {
  const builder = junitFactory.newBuilder();
  const suites = new Map<string, CheckRecord[]>();
  for (const check of model.checks) suites.set(check.suite, [...(suites.get(check.suite) ?? []), check]);
  if (model.setupError) {
    builder
      .testSuite()
      .name('setup')
      .testCase()
      .name('setup')
      .className('cni-conformance.setup')
      .error(model.setupError);
  }
  for (const [name, checks] of suites) {
    const suite = builder.testSuite().name(name).timestamp(model.startedAt);
    if (model.run) suite.property('plugin', model.run.pluginPath).property('seed', String(model.run.seed));
    for (const check of checks) addCase(suite, check, model);
  }
  return builder.build();
}
