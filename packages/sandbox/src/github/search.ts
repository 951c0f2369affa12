import type { Issue } from './state.js';

export interface SearchTerm {
  key?: string;
  value: string;
}

/** Splits `repo:o/r is:open label:"needs triage" words` into qualifiers and words. */
export function searchTerms(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of q.matchAll(/(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)) {
    terms.push({ ...(m[1] ? { key: m[1] } : {}), value: m[2] ?? m[3] ?? '' });
  }
  return terms;
}

export function matchesTerm(issue: Issue, term: SearchTerm): boolean {
  switch (term.key) {
    case 'repo':
      return true; // chosen before matching
    case 'is':
    case 'type':
      if (term.value === 'issue') return !issue.pull_request;
      if (term.value === 'pr') return Boolean(issue.pull_request);
      return issue.state === term.value;
    case 'state':
      return issue.state === term.value;
    case 'label':
      return issue.labels.some((l) => l.name === term.value);
    case 'in':
    case 'sort':
      return true;
    case undefined:
      return `${issue.title}\n${issue.body ?? ''}`.toLowerCase().includes(term.value.toLowerCase());
    default:
      return true;
  }
}
