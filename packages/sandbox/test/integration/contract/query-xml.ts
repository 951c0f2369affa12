/**
 * The `<Operation>Result` element of a query-protocol (STS) answer as an object: child elements
 * become members, text becomes a string. Enough for the flat answers the sandbox gives; a shape
 * with lists (`<member>`) would need more and is not read here.
 */
export function queryResult(xml: string, operation: string): Record<string, unknown> | undefined {
  const inner = new RegExp(`<${operation}Result>([\\s\\S]*?)</${operation}Result>`).exec(xml)?.[1];
  return inner === undefined ? undefined : (elements(inner) as Record<string, unknown>);
}

/** The error code of a query-protocol error answer. */
export function queryErrorCode(xml: string): string {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? '';
}

function elements(xml: string): Record<string, unknown> | string {
  const children: Record<string, unknown> = {};
  const pattern = /<(\w+)>([\s\S]*?)<\/\1>/g;
  let found = false;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    found = true;
    children[match[1]!] = elements(match[2]!);
  }
  return found ? children : unescape(xml.trim());
}

function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[name]!);
}
