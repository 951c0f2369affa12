/**
 * The demo's HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) with
 * the verdict of every step at the top and each step's job summary rendered below it, the way
 * GitHub renders job summaries (GitHub-flavoured Markdown with inline HTML). A content security
 * policy keeps any script or remote resource in a summary from running or loading.
 */
import { Marked } from 'marked';
import { overallText, verdictText, type StepResult } from './report.js';

const markdown = new Marked({ gfm: true });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  body { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
  main { max-width: 1180px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 26px; margin: 0 0 8px; }
  .overall { font-size: 18px; font-weight: 600; padding: 12px 16px; border-radius: 6px; margin: 12px 0 20px; }
  .overall.good, .verdict.good { background: #dafbe1; color: #116329; }
  .overall.bad, .verdict.bad { background: #ffebe9; color: #a40e26; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  .verdict { font-weight: 600; white-space: nowrap; }
  .outcome-failed { color: #a40e26; }
  code { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
  pre { background: #f6f8fa; padding: 10px; overflow-x: auto; }
  section.step { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: 24px 0; padding: 0 20px 16px; }
  section.step > header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #d0d7de; margin: 0 -20px 12px; padding: 12px 20px; }
  section.step > header h2 { font-size: 19px; margin: 0; flex: 1; }
  .notes { color: #59636e; }
  .summary table { width: auto; }
  .attachment { border-left: 4px solid #d0d7de; padding-left: 16px; margin-top: 16px; }
`;

function stepRow(step: StepResult, index: number): string {
  const good = step.asDesigned ? 'good' : 'bad';
  return `<tr data-step="${escapeHtml(step.id)}">
  <td>${index + 1}</td><td><code>${escapeHtml(step.action)}</code></td>
  <td><a href="#step-${escapeHtml(step.id)}">${escapeHtml(step.title)}</a></td>
  <td>${step.expected}</td><td class="outcome-${step.outcome}">${step.outcome}</td>
  <td class="verdict ${good}">${step.asDesigned ? '✅' : '❌'} ${verdictText(step)}</td>
  <td>${step.seconds.toFixed(1)} s</td>
</tr>`;
}

function stepSection(step: StepResult, index: number): string {
  const good = step.asDesigned ? 'good' : 'bad';
  const notes = [...step.notes, ...(step.problem ? [`Not as designed: ${step.problem}`] : [])];
  const summary = step.summary.trim() ? markdown.parse(step.summary, { async: false }) : '<p><em>(no job summary)</em></p>';
  const attachments = (step.attachments ?? []).map((a) => `<div class="attachment"><h3>${escapeHtml(a.title)}</h3>${markdown.parse(a.markdown, { async: false })}</div>`).join('\n');
  return `<section class="step" id="step-${escapeHtml(step.id)}">
<header><h2>Step ${index + 1} · <code>${escapeHtml(step.action)}</code> · ${escapeHtml(step.title)}</h2>
<span class="verdict ${good}">${step.asDesigned ? '✅' : '❌'} ${verdictText(step)}</span></header>
<p>${escapeHtml(step.shows)}</p>
${notes.length > 0 ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<div class="summary">${summary}</div>
${attachments}
</section>`;
}

export function renderHtmlReport(steps: StepResult[], seconds: number): string {
  const good = steps.every((s) => s.asDesigned) ? 'good' : 'bad';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>eks-kit demo report</title><style>${STYLE}</style></head>
<body><main>
<h1>eks-kit demo report</h1>
<p>The real action bundles, run in pipeline order against the local sandbox, as the Actions runner runs them.</p>
<div class="overall ${good}" id="overall">${good === 'good' ? '✅' : '❌'} ${escapeHtml(overallText(steps))} in ${seconds.toFixed(1)} s</div>
<table id="steps">
<thead><tr><th>#</th><th>action</th><th>step</th><th>expected</th><th>outcome</th><th>verdict</th><th>time</th></tr></thead>
<tbody>
${steps.map(stepRow).join('\n')}
</tbody>
</table>
${steps.map(stepSection).join('\n')}
</main></body>
</html>
`;
}
