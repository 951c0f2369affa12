export interface ReportStep {
  title: string;
  action: string;
  summary: string;
  asDesigned: boolean;
  problem?: string;
  seconds: number;
  exitCode: number;
}

/** One Markdown page with every step's verdict and its job summary, in order. */
export function renderReport(steps: ReportStep[]): string {
  const rows = steps.map(
    (s, i) => `| ${i + 1} | \`${s.action}\` | ${s.title} | ${s.exitCode === 0 ? 'passed' : 'failed'} | ${s.asDesigned ? '✅ as designed' : `❌ ${s.problem ?? ''}`} | ${s.seconds.toFixed(1)} s |`,
  );
  const sections = steps.map((s, i) => `---\n\n### Step ${i + 1}: ${s.title}\n\n${s.summary.trim() || '_(no job summary)_'}\n`);
  return ['# eks-kit demo report', '', '| # | action | step | step result | verdict | time |', '| --- | --- | --- | --- | --- | --- |', ...rows, '', ...sections].join('\n');
}
