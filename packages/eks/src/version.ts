/** Kubernetes minor versions ("1.32") as numbers that compare and step. */
export interface Minor {
  major: number;
  minor: number;
}

export function parseMinor(version: string): Minor | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(version.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function required(version: string): Minor {
  const parsed = parseMinor(version);
  if (!parsed) throw new Error(`"${version}" is not a Kubernetes version`);
  return parsed;
}

export function compareVersions(a: string, b: string): number {
  const x = required(a);
  const y = required(b);
  return x.major - y.major || x.minor - y.minor;
}

/** How many minors `newer` is ahead of `older` (negative when it is behind). */
export function minorsBetween(older: string, newer: string): number {
  const x = required(older);
  const y = required(newer);
  if (x.major !== y.major) throw new Error(`cannot compare ${older} and ${newer} across majors`);
  return y.minor - x.minor;
}

export function addMinors(version: string, count: number): string {
  const { major, minor } = required(version);
  return `${major}.${minor + count}`;
}

export function nextMinor(version: string): string {
  return addMinors(version, 1);
}

/** "1.32.4" or "v1.32" → "1.32". */
export function toMinor(version: string): string {
  const { major, minor } = required(version);
  return `${major}.${minor}`;
}
