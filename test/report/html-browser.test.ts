/**
 * The HTML report in a real browser (Debian's headless Chromium through playwright-core): a report with failures,
 * warnings and skips, written by writeReports, must have no dangling in-page link, no duplicated ID, matrix cells
 * linked to their finding, failures before warnings, working expand-all and filter, no column for a version the
 * plugin does not advertise, and a repro link that opens the script. Skips, with the reason, without Chromium.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRecord, ReportModel } from '../../src/report/model.ts';
import { countVerdicts } from '../../src/report/model.ts';
import type { PluginCallRecord } from '../../src/report/transcript.ts';
import { assignReproScripts, writeReports } from '../../src/report/write.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const call: PluginCallRecord = {
  type: 'plugin',
  verb: 'ADD',
  file: '/usr/lib/cni/bridge',
  env: { CNI_COMMAND: 'ADD' },
  stdin: '{}',
  kind: 'ok',
  stdout: '{}',
  stderr: '',
  exitCode: 0,
  signal: null,
  startedAtMs: 0,
  durationMs: 3,
};

function check(id: string, version: string, verdict: CheckRecord['verdict'], level = 'MUST'): CheckRecord {
  return {
    title: `${id}: a check of ${id} @ ${version}`,
    file: 'suites/plugin/x.check.ts',
    suite: 'plugin/x',
    ids: [id],
    level: level as CheckRecord['level'],
    specLevel: 'MUST',
    version,
    outcome: verdict === 'pass' ? 'passed' : verdict === 'skip' ? 'skipped' : 'failed',
    verdict,
    ...(verdict === 'fail' || verdict === 'warn' ? { failure: `${id} broke\nsecond line` } : {}),
    ...(verdict === 'skip' ? { skipReason: 'version-not-advertised: 1.1.0' } : {}),
    durationMs: 1,
    pluginMs: 1,
    transcript: [call],
  };
}

function model(): ReportModel {
  const checks = assignReproScripts([
    check('P-VCMD-2', '0.4.0', 'warn', 'IMPL'),
    check('P-ADD-1', '1.0.0', 'pass'),
    check('P-ADD-1', '0.4.0', 'fail'),
    check('P-DEL-1', '1.0.0', 'fail'),
    check('P-DEL-1', '1.1.0', 'skip'),
    check('P-ERR-1', '1.0.0', 'warn', 'IMPL'),
  ]);
  return {
    tool: { name: 'cni-conformance', version: '0.1.0' },
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
    run: {
      pluginPath: '/usr/lib/cni/bridge',
      pluginType: 'bridge',
      role: 'main',
      configSource: 'built-in',
      advertisedVersions: ['0.4.0', '1.0.0'],
      selectedVersions: ['0.4.0', '1.0.0'],
      profile: 'compat',
      failOn: 'should',
      seed: 1,
      cniPath: [],
      notes: [],
    },
    checks,
    counts: countVerdicts(checks),
    overhead: { suiteWallMs: 10, pluginWallMs: 5, ratio: 2 },
    exitCode: 1,
  };
}

const reason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;

describe.skipIf(reason !== undefined)(
  `the HTML report in Chromium${reason ? ` — skipped: ${reason}` : ''}`,
  () => {
    type Browser = Awaited<ReturnType<typeof import('playwright-core')['chromium']['launch']>>;
    let browser: Browser | undefined;
    let url = '';
    let reportDir = '';

    beforeAll(async () => {
      reportDir = mkdtempSync(join(tmpdir(), 'cnc-html-'));
      const paths = {
        reportDir,
        junitFile: join(reportDir, 'r.junit.xml'),
        jsonFile: join(reportDir, 'r.json'),
        htmlFile: join(reportDir, 'html/report.html'),
      };
      await writeReports(model(), paths);
      url = pathToFileURL(paths.htmlFile).href;
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    async function open() {
      const page = await (browser as Browser).newPage();
      await page.goto(url);
      return page;
    }

    it('every in-page link lands on an element, and no ID repeats', async () => {
      const page = await open();
      // A string: the project's types have no DOM lib, and this runs in the page.
      const { dangling, duplicates, links } = (await page.evaluate(`(() => {
        const hrefs = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href') ?? '');
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        return {
          links: hrefs.length,
          dangling: hrefs.filter((h) => !document.getElementById(h.slice(1))),
          duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
        };
      })()`)) as { dangling: string[]; duplicates: string[]; links: number };
      expect(links).toBeGreaterThan(10);
      expect(dangling).toEqual([]);
      expect(duplicates).toEqual([]);
    });

    it('links each failing matrix cell to its finding, and the finding opens', async () => {
      const page = await open();
      const cell = page
        .locator('table.matrix tr', { hasText: 'P-DEL-1' })
        .locator('td.cell a', { hasText: 'fail' });
      const href = (await cell.getAttribute('href')) ?? '';
      await cell.click();
      const finding = page.locator(href);
      expect(await finding.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
      expect(await finding.textContent()).toContain('P-DEL-1: a check of P-DEL-1 @ 1.0.0');
    });

    it('lists failures before warnings, has no column for an unadvertised version', async () => {
      const page = await open();
      const verdicts = await page.locator('details.finding summary .tag').allTextContents();
      const findings = verdicts.filter((v) => v !== 'skip');
      expect(findings).toEqual(['fail', 'fail', 'warn', 'warn']);
      const headers = await page.locator('table.matrix th').allTextContents();
      expect(headers).toEqual(['requirement', 'level', '0.4.0', '1.0.0']);
    });

    it('expands every finding at once and filters them', async () => {
      const page = await open();
      await page.click('#expand');
      const opened = await page.$$eval('details.finding', (all) =>
        all.map((d) => (d as unknown as { open: boolean }).open),
      );
      expect(opened.every(Boolean)).toBe(true);
      await page.fill('#filter', 'P-ERR-1');
      const visible = await page.$$eval('details.finding', (all) =>
        all.filter((d) => !(d as unknown as { hidden: boolean }).hidden).map((d) => d.id),
      );
      expect(visible).toHaveLength(1);
    });

    it('links the repro script, and the link names the script on disk', async () => {
      const page = await open();
      const link = page.locator('a', { hasText: 'repro/' }).first();
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\.\.\/repro\/.*\.sh$/);
      // Navigating would download the script; the link resolves when the file it names is the script.
      const target = fileURLToPath(new URL(href, page.url()));
      expect(readFileSync(target, 'utf8')).toContain('#!/usr/bin/env bash');
    });
  },
);
