/**
 * Turns any text (a branch like `feature/Login Page`) into a valid image tag: invalid characters
 * become `-`, runs of them collapse, the first character is a letter, digit or `_`, at most 128
 * long. build-push tags a branch's image with it, and scan-gate finds a base branch's image by it.
 */
export function sanitizeTag(text: string): string {
  const replaced = text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[.-]+/, '');
  return replaced.slice(0, 128).replace(/[.-]+$/, '');
}
