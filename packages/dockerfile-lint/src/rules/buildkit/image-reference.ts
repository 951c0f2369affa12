// The grammar of image references (distribution/reference), as BuildKit parses a FROM image.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const PATH = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);

/** Whether `text` is an image reference BuildKit accepts: `[domain/]path[:tag][@digest]`, path in lower case. */
export function isImageReference(text: string): boolean {
  if (text === '' || text.length > 255 || /^[a-f0-9]{64}$/.test(text)) return false;
  let rest = text;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!DIGEST_RE.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // A first part with a dot, a colon or capitals, or `localhost`, is a registry, as in docker's parser.
  if (slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase())) {
    if (!DOMAIN_RE.test(first)) return false;
    rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    if (!TAG_RE.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  return PATH.test(rest);
}
