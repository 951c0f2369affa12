/**
 * Opens the HTML report in headless Chromium (Debian's, driven by playwright-core), checks that
 * the overall verdict, every step and every step's verdict are visible in the first screen, that
 * each step's section shows what a reviewer must find there (a CVE delta, a layer delta), and
 * takes a screenshot of the first screen.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { overallText, verdictText, type StepResult } from './report.js';

const VIEWPORT = { width: 1280, height: 1000 };
// No background connections: this network is closed, and Chromium would retry them at every start.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Chromium not found (looked at ${candidates.join(', ')}): run \`npm run setup\` or set CHROMIUM_PATH`);
  return found;
}

export interface ReportCheck {
  problems: string[];
  screenshot: string;
}

export async function checkReportInBrowser(htmlFile: string, steps: readonly Pick<StepResult, 'id' | 'title' | 'asDesigned' | 'mustShow'>[], screenshot: string): Promise<ReportCheck> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(pathToFileURL(htmlFile).href);
    const problems: string[] = [];
    const inFirstScreen = async (selector: string, expected: string, what: string) => {
      const element = page.locator(selector);
      if ((await element.count()) !== 1 || !(await element.isVisible())) return problems.push(`${what} is not visible`);
      const box = await element.boundingBox();
      if (!box || box.y < 0 || box.y + box.height > VIEWPORT.height) return problems.push(`${what} is not in the first screen`);
      const text = (await element.innerText()).replace(/\s+/g, ' ');
      if (!text.includes(expected)) problems.push(`${what} reads "${text}", expected it to contain "${expected}"`);
      return undefined;
    };
    await inFirstScreen('#overall', overallText(steps), 'the overall verdict');
    for (const step of steps) {
      await inFirstScreen(`tr[data-step="${step.id}"] td:nth-child(3)`, step.title, `step ${step.id}'s title`);
      await inFirstScreen(`tr[data-step="${step.id}"] td.verdict`, verdictText(step), `step ${step.id}'s verdict`);
      const section = page.locator(`section[id="step-${step.id}"]`);
      if (!(await section.isVisible())) {
        problems.push(`step ${step.id}'s section is not visible`);
        continue;
      }
      // innerText is what the page shows: hidden elements and raw Markdown syntax do not count.
      const shown = (await section.innerText()).replace(/\s+/g, ' ');
      for (const text of step.mustShow ?? []) if (!shown.includes(text)) problems.push(`step ${step.id}'s section does not show "${text}"`);
    }
    await page.screenshot({ path: screenshot });
    return { problems, screenshot };
  } finally {
    await browser.close();
  }
}
