// Writes each action.yml's `inputs:` and `outputs:` from the action's table (packages/inputs), or
// with --check fails when an action.yml, docs/actions/<name>.md (its Inputs and Outputs tables) or
// docs/cli.md disagrees with it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDocsProblems, cliDocsProblems } from '@eks-kit/inputs';
import { actionYmlProblems, withTableMetadata } from '@eks-kit/inputs/action-yml';
import { ALL_TABLES } from '@eks-kit/inputs/all';

// --root <dir>: another checkout's files (the tests run it on a copy); default this repository.
const rootAt = process.argv.indexOf('--root');
const root = rootAt >= 0 && process.argv[rootAt + 1] ? path.resolve(process.argv[rootAt + 1]!) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const problems: string[] = [];
const cliDocs = readFileSync(path.join(root, 'docs/cli.md'), 'utf8');

for (const table of ALL_TABLES) {
  const file = path.join(root, table.action, 'action.yml');
  const text = readFileSync(file, 'utf8');
  if (check) problems.push(...actionYmlProblems(text, table).map((p) => `${table.action}/action.yml: ${p}`));
  else {
    const updated = withTableMetadata(text, table);
    if (updated !== text) {
      writeFileSync(file, updated);
      console.log(`wrote ${table.action}/action.yml`);
    }
  }
  const docs = `docs/actions/${table.action}.md`;
  problems.push(...actionDocsProblems(table, readFileSync(path.join(root, docs), 'utf8')).map((p) => `${docs}: ${p}`));
  problems.push(...cliDocsProblems(table, cliDocs).map((p) => `docs/cli.md: ${p}`));
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`${problems.length} place(s) disagree with the input and output tables in packages/inputs/src (run npm run inputs to rewrite action.yml; the docs are edited by hand).`);
  process.exitCode = 1;
}
