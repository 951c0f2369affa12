/** What the demo records of each step, and the Markdown report of the whole run. */
export interface StepResult {
  id: string;
  action: string;
  title: string;
  /** What the step shows, for the reader. */
  shows: string;
  expected: 'pass' | 'fail';
  outcome: 'passed' | 'failed';
  /** The step did what it was designed to do (a step designed to fail must fail, and fail for the right reason). */
  asDesigned: boolean;
  problem?: string;
  /** The step's own failure line (::error::), when it failed. */
  failure?: string;
  seconds: number;
  /** The job summary Markdown the step wrote. */
  summary: string;
  outputs: Record<string, string>;
  notes: string[];
  stderrTail?: string;
  /** What else the step wrote for a person, e.g. its pull request comment, rendered after its summary. */
  attachments?: { title: string; markdown: string }[];
  /** Texts a reviewer must find in the step's section of the report (the browser check looks). */
  mustShow?: string[];
}

export function verdictText(step: Pick<StepResult, 'asDesigned'>): string {
  return step.asDesigned ? 'as designed' : 'NOT as designed';
}

export function overallText(steps: readonly Pick<StepResult, 'asDesigned'>[]): string {
  const wrong = steps.filter((s) => !s.asDesigned).length;
  return wrong === 0 ? `Every step behaved as designed (${steps.length} of ${steps.length})` : `${wrong} of ${steps.length} steps did not behave as designed`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One Markdown page: the verdict of every step, then each step's own job summary, in order. */
export function renderMarkdownReport(steps: StepResult[], seconds: number): string {
  const rows = steps.map(
    (s, i) => `| ${i + 1} | \`${s.action}\` | ${cell(s.title)} | ${s.expected} | ${s.outcome} | ${s.asDesigned ? '✅' : '❌'} ${verdictText(s)}${s.problem ? `: ${cell(s.problem)}` : ''} | ${s.seconds.toFixed(1)} s |`,
  );
  const sections = steps.map((s, i) => {
    const notes = s.notes.map((n) => `- ${n}`).join('\n');
    const attached = (s.attachments ?? []).map((a) => `\n### ${a.title}\n\n${a.markdown.trim()}\n`).join('');
    return `---\n\n## Step ${i + 1}: ${s.title}\n\n${s.shows}\n${notes ? `\n${notes}\n` : ''}\n${s.summary.trim() || '_(no job summary)_'}\n${attached}`;
  });
  return [
    '# eks-kit demo report',
    '',
    `**${overallText(steps)}** in ${seconds.toFixed(1)} s.`,
    '',
    '| # | action | step | expected | outcome | verdict | time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...sections,
  ].join('\n');
}
