/** Thrown for a nextToken this emulator did not hand out; each protocol maps it to its own error. */
export class InvalidNextTokenError extends Error {
  constructor() {
    super('The nextToken is not valid or has expired.');
  }
}

/** Offset-based pages with opaque tokens, as AWS list calls expose them. */
export function paginate<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultPageSize: number,
): { page: T[]; nextToken?: string } {
  const start = nextToken === undefined || nextToken === '' ? 0 : decodeToken(nextToken);
  const size = maxResults ?? defaultPageSize;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: encodeToken(end) } : { page };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw new InvalidNextTokenError();
}
