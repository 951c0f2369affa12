import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The scripts run through vm.Script so far (run-script.ts): Node maps the frames of modules, not of these. */
const scripts = new Set<string>();

export function registerScript(file: string): void {
  scripts.add(file);
}

/**
 * A stack with each frame in a code-cached script turned into its place in the .ts sources, read
 * from the script's linked source map (`<script>.map`), as Node does for the bundles' modules
 * once source maps are on. Frames it cannot map are left as they are. Only for a crash's stack:
 * the map is read here, never at start-up.
 */
export function sourceMappedStack(stack: string): string {
  let mapped = stack;
  for (const file of scripts) {
    if (!mapped.includes(file)) continue;
    const map = readMap(file);
    if (!map) continue;
    mapped = mapped.split(`${file}:`).reduce((text, part) => {
      const place = /^(\d+):(\d+)/.exec(part);
      const found = place ? map.findEntry(Number(place[1]) - 1, Number(place[2]) - 1) : {};
      if (!place || !('originalSource' in found)) return `${text}${file}:${part}`;
      const entry = found as SourceMapping;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : fileURLToPath(new URL(entry.originalSource, pathToFileURL(file)));
      return `${text}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${part.slice(place[0].length)}`;
    });
  }
  return mapped;
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return undefined;
  }
}
