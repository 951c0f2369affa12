import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkReportInBrowser } from '../scripts/demo/check-report.js';
import { renderHtmlReport } from '../scripts/demo/html-report.js';
import type { StepResult } from '../scripts/demo/report.js';
import { repoRoot, runBundle, type BundleRun } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

// The demo's HTML report, rendered from real job summaries and opened in headless Chromium (the
// Debian package that `npm run setup` installs).

let dir: string;
let steps: StepResult[];

function result(id: string, title: string, run: BundleRun, expected: 'pass' | 'fail', asDesigned: boolean): StepResult {
  return {
    id,
    action: 'lint',
    title,
    shows: `what ${id} shows`,
    expected,
    outcome: run.exitCode === 0 ? 'passed' : 'failed',
    asDesigned,
    ...(asDesigned ? {} : { problem: 'a deliberate mismatch for this test' }),
    seconds: 0.2,
    summary: run.summary,
    outputs: run.outputs,
    notes: [],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-demo-report-'));
  const workspace = makeWorkspace({}, path.join(repoRoot, 'examples'));
  const clean = await runBundle('lint', { workspace, inputs: { dockerfiles: 'shop-api/Dockerfile' } });
  const legacy = await runBundle('lint', { workspace, inputs: { dockerfiles: 'legacy-worker/Dockerfile' } });
  expect([clean.exitCode, legacy.exitCode]).toEqual([0, 1]);
  steps = [
    result('lint-shop-api', 'Lint the shop-api Dockerfile', clean, 'pass', true),
    result('lint-legacy-worker', 'Lint a legacy Dockerfile', legacy, 'fail', true),
    // The same run again, judged as if it should have passed: the report must show the miss.
    result('lint-legacy-again', 'Lint a legacy Dockerfile <expecting a pass>', legacy, 'pass', false),
  ];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo HTML report in headless Chromium', () => {
  it('shows the overall verdict, every step and every verdict in the first screen, and takes a screenshot', async () => {
    const html = path.join(dir, 'report.html');
    writeFileSync(html, renderHtmlReport(steps, 12.3));
    const png = path.join(dir, 'report.png');
    const check = await checkReportInBrowser(html, steps, png);
    expect(check.problems).toEqual([]);
    const image = readFileSync(png);
    expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // 1280×1000 of a real page, not a blank one.
    expect(image.readUInt32BE(16)).toBe(1280);
    expect(image.length).toBeGreaterThan(40_000);
  });

  it('renders the job summaries and escapes what the demo itself writes', () => {
    const page = renderHtmlReport(steps, 12.3);
    expect(page).toContain('1 of 3 steps did not behave as designed');
    expect(page).toContain('Lint a legacy Dockerfile &#60;expecting a pass&#62;');
    expect(page).not.toContain('<expecting a pass>');
    // The legacy Dockerfile's findings table, as GitHub would render the summary's Markdown.
    expect(page).toMatch(/<table>[\s\S]*EK1001/);
    expect(page).toContain("default-src 'none'");
  });

  it('reports a step section that does not show what a reviewer must find there, and renders attachments', async () => {
    const html = path.join(dir, 'must-show.html');
    const [clean, legacy] = steps;
    const attached = { ...legacy!, mustShow: ['EK1001', 'Comment on pull request #7', '1 new, 1 fixed'], attachments: [{ title: 'Comment on pull request #7', markdown: '**1 new**, **1 fixed**, 2 unchanged.' }] };
    const missing = { ...clean!, mustShow: ['CVE-2099-1004'] };
    writeFileSync(html, renderHtmlReport([missing, attached], 1));
    const check = await checkReportInBrowser(html, [missing, attached], path.join(dir, 'must-show.png'));
    // Markdown emphasis is rendered, so the text reads "1 new, 1 fixed" in the page.
    expect(check.problems).toEqual(['step lint-shop-api\'s section does not show "CVE-2099-1004"']);
  });

  it('reports a verdict that is hidden, and one that is pushed below the first screen', async () => {
    const html = path.join(dir, 'hidden.html');
    const page = renderHtmlReport(steps, 12.3)
      .replace('<tr data-step="lint-shop-api">', '<tr data-step="lint-shop-api" style="visibility: hidden">')
      .replace('<table id="steps">', '<div style="height: 2000px"></div><table id="steps">');
    writeFileSync(html, page);
    const check = await checkReportInBrowser(html, steps, path.join(dir, 'hidden.png'));
    expect(check.problems).toContain("step lint-shop-api's verdict is not visible");
    expect(check.problems).toContain("step lint-legacy-worker's verdict is not in the first screen");
    expect(existsSync(path.join(dir, 'hidden.png'))).toBe(true);
  });
});
