import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Signature Version 4, server side: recompute what the client signed and compare. */

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export interface CredentialScope {
  accessKeyId: string;
  day: string;
  region: string;
  service: string;
}

export interface SignedRequestParts {
  method: string;
  /** Raw request path as received (already percent-encoded by the client). */
  rawPath: string;
  /** Query pairs, decoded, without X-Amz-Signature. */
  query: [string, string][];
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  payloadHash: string;
  amzDate: string;
  scope: CredentialScope;
  /** S3 signs the path as sent; every other service encodes it once more. */
  doubleEncodePath: boolean;
}

export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function emptyPayloadHash(): string {
  return EMPTY_SHA256;
}

export function parseCredential(credential: string): CredentialScope | undefined {
  const [accessKeyId, day, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !day || !region || !service || terminator !== 'aws4_request') return undefined;
  return { accessKeyId, day, region, service };
}

export interface AuthorizationHeader {
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorizationHeader(header: string | undefined): AuthorizationHeader | undefined {
  if (!header?.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const [key, ...rest] = part.trim().split('=');
    if (key) fields.set(key, rest.join('='));
  }
  const scope = parseCredential(fields.get('Credential') ?? '');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!scope || !signedHeaders || !signature) return undefined;
  return { scope, signedHeaders: signedHeaders.split(';'), signature };
}

export function signature(parts: SignedRequestParts, secretAccessKey: string): string {
  const canonicalRequest = [
    parts.method,
    canonicalPath(parts.rawPath, parts.doubleEncodePath),
    canonicalQuery(parts.query),
    parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(parts.headers[name])}\n`).join(''),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
  const { day, region, service } = parts.scope;
  const stringToSign = [ALGORITHM, parts.amzDate, `${day}/${region}/${service}/aws4_request`, sha256Hex(canonicalRequest)].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `YYYYMMDDTHHMMSSZ` to a Date, or undefined when malformed. */
export function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((pair) => {
    const index = pair.indexOf('=');
    const key = index < 0 ? pair : pair.slice(0, index);
    const value = index < 0 ? '' : pair.slice(index + 1);
    return [decodeQueryComponent(key), decodeQueryComponent(value)];
  });
}

function decodeQueryComponent(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, '%20'));
}

function canonicalQuery(query: [string, string][]): string {
  return query
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalPath(rawPath: string, doubleEncode: boolean): string {
  if (rawPath === '' ) return '/';
  if (!doubleEncode) return rawPath;
  return rawPath
    .split('/')
    .map((segment) => encodeRfc3986(segment))
    .join('/');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}
