// spdx-expression-parse ships no types; it throws on anything that is not a valid expression.
declare module 'spdx-expression-parse' {
  export default function parse(source: string): unknown;
}
