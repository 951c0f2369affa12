import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A module for `node --import` that sets the process's clock back by `behindMs` (ahead when
 * negative), so a test can see what a program does at another time without sleeping until then.
 */
export function clockShiftModule(behindMs: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'eks-kit-clock-')), 'clock.mjs');
  writeFileSync(
    file,
    `const shift = ${behindMs};\nconst RealDate = Date;\nglobalThis.Date = class extends RealDate { constructor(...a) { if (a.length) super(...a); else super(RealDate.now() - shift); } static now() { return RealDate.now() - shift; } };\n`,
  );
  return file;
}
