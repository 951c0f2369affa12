import { InputError } from './errors.js';

/**
 * AWS identifiers every action checks the same way before its first AWS call; `input` is the
 * input, flag or file the value came from.
 */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export function parseRegion(value: string, input: string): string {
  if (!REGION.test(value)) throw new InputError(input, `"${value}" is not an AWS region (like us-east-1 or eu-central-1)`);
  return value;
}

export function parseRegistryId(value: string, input: string): string {
  if (!/^\d{12}$/.test(value)) throw new InputError(input, `"${value}" is not an AWS account id (12 digits)`);
  return value;
}
