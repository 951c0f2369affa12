import { editDistance, InputError } from '@eks-kit/core';

/**
 * node:util's message for an unknown flag ("To specify a positional argument starting with a '-'…")
 * explains an edge case rather than the usual typo; this one names the flag and the nearest real one.
 */
export function unknownFlagError(command: string, given: string, flags: string[], argument?: { name: string; many: boolean; usage: string }): InputError {
  const name = given.replace(/^-+/, '').split('=')[0] ?? '';
  // `--clusters prod` where clusters are arguments: say so rather than offer a look-alike flag.
  if (argument && (name === argument.name || `${name}s` === argument.name || name === `${argument.name}s`)) {
    const how = argument.many ? `${argument.name} are given as arguments` : `the ${argument.name} is given as an argument`;
    return new InputError(given.split('=')[0] ?? given, `not an option of eks-kit ${command}; ${how}: eks-kit ${command} ${argument.usage}`);
  }
  const suggestion = nearestFlag(name, flags);
  const nearest = suggestion ? `did you mean --${suggestion}? ` : '';
  return new InputError(given.split('=')[0] ?? given, `not an option of eks-kit ${command}; ${nearest}"eks-kit ${command} --help" lists them`);
}

/** The flag a typo most likely meant: its negation, a small edit away, or sharing its first word (--fail-on → --failure-threshold). */
function nearestFlag(name: string, flags: string[]): string | undefined {
  const negation = name.startsWith('no-') ? name.slice(3) : `no-${name}`;
  if (flags.includes(negation)) return negation;
  const ranked = flags
    .map((flag) => ({ flag, distance: editDistance(name, flag) }))
    .sort((a, b) => a.distance - b.distance || a.flag.localeCompare(b.flag));
  const close = ranked.find((r) => r.distance <= Math.max(2, Math.floor(name.length / 3)));
  if (close) return close.flag;
  const firstWord = name.split('-')[0] ?? '';
  if (firstWord.length < 3) return undefined;
  return ranked.find((r) => r.flag.startsWith(firstWord) || firstWord.startsWith(r.flag.split('-')[0] ?? ''))?.flag;
}
