import { AwsError } from './errors.js';

/** Input checks that answer the way AWS validation does, naming the member at fault. */
export function requireString(input: Record<string, unknown>, member: string, errorCode = 'InvalidParameterException'): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw new AwsError(errorCode, `Invalid parameter at '${member}' failed to satisfy constraint: 'Member must not be null'`);
  }
  return value;
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('InvalidParameterException', `Invalid parameter at '${member}': expected a string`);
  return value;
}

export function optionalInteger(
  value: unknown,
  member: string,
  min: number,
  max: number,
  errorCode = 'InvalidParameterException',
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new AwsError(
      errorCode,
      `Invalid parameter at '${member}' failed to satisfy constraint: 'Member must have value between ${min} and ${max}'`,
    );
  }
  return number;
}

/** `*` wildcards as ECR tag filters use them. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return regex.test(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
