import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway workspace with the given files (path → content), like a fresh checkout. */
export function makeWorkspace(files: Record<string, string>, copyFrom?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-ws-'));
  if (copyFrom) cpSync(copyFrom, dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
