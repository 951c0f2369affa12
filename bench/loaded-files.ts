/**
 * What a bundle really loads: the files a run reads as code, summed. dist/lint/index.js is a stub
 * that imports its chunks (and the CLI runs `eks-kit lint` from a code-cached script), so the
 * entry's own size says nothing, and "every file in the folder" counts commands that never run.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface LoadedFiles {
  files: string[];
  bytes: number;
}

/**
 * An environment that makes a Node process log every file it loads as an ES module (a loader
 * hook, `--import` through NODE_OPTIONS, Node 20.6+), and a reader of that log. A script the CLI
 * reads itself and runs through vm.Script (`new URL("./lint-….cjs", import.meta.url)` in a loaded
 * module) counts too.
 */
export function loadLogger(): { env: Record<string, string>; read: (under: string) => LoadedFiles } {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-loaded-'));
  const log = path.join(dir, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`;
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
  return {
    env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` },
    read: (under) => loadedUnder(readFileSync(log, 'utf8'), under),
  };
}

function loadedUnder(log: string, under: string): LoadedFiles {
  const modules = [...new Set(log.split('\n').filter(Boolean).map((url) => fileURLToPath(url)))].filter((file) => file.startsWith(under + path.sep));
  const scripts = modules.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new URL\("(\.\/[^"]+\.cjs)",import\.meta\.url\)/g)].map((m) => path.resolve(path.dirname(file), m[1]!)));
  const files = [...new Set([...modules, ...scripts])].sort();
  return { files, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}
