import { closeSync, constants as fs, existsSync, mkdirSync, openSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

// Kernel and device file systems: writing there is never a report and can block (a pipe no one reads).
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Checks, before anything is written anywhere, that a JSON report can be written at `file`: every
 * existing ancestor is a directory, the file (if present) is a regular file, and neither lies on a
 * kernel file system. Returns the absolute path. `input` names where the path came from.
 */
export function checkReportPath(input: string, given: string, workspace: string): string {
  const file = path.resolve(workspace, given);
  let existing = file;
  while (!existsSync(existing)) existing = path.dirname(existing);
  const real = realpathSync(existing);
  const pseudo = PSEUDO_ROOTS.find((root) => [file, real].some((p) => p === root || p.startsWith(`${root}/`)));
  if (pseudo) throw new InputError(input, `"${given}" is under ${pseudo}, a kernel file system, not a place for a report file`);
  const stat = statSync(existing);
  if (existing === file) {
    if (stat.isDirectory()) throw new InputError(input, `"${given}" is a directory; name a file in it (like ${path.join(given, 'eks-version-drift.json')})`);
    if (!stat.isFile()) throw new InputError(input, `"${given}" exists and is not a regular file (a pipe, socket or device)`);
  } else if (!stat.isDirectory()) {
    throw new InputError(input, `"${given}" cannot be created: ${path.relative(workspace, existing) || existing} is a file, not a directory`);
  }
  return file;
}

/**
 * Writes the report to a path `checkReportPath` accepted; a failure still (a race, a full disk, no
 * permission) is one line naming the input. Non-blocking open: a FIFO that appeared since fails.
 */
export function writeReportFile(input: string, given: string, file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(file, fs.O_WRONLY | fs.O_CREAT | fs.O_TRUNC | fs.O_NONBLOCK);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new InputError(input, `"${given}" could not be written: ${(error as Error).message}`);
  }
}
