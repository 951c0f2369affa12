import type { ServiceModel } from './service-model.js';

interface Element {
  name: string;
  children: Element[];
  text: string;
}

/** The sandbox's own answers only: elements, text and entities; attributes are read past. */
function parseXml(xml: string): Element {
  const root: Element = { name: '#root', children: [], text: '' };
  const stack = [root];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const token = /<\/?([A-Za-z_][\w.-]*)[^>]*?(\/?)>|([^<]+)/g;
  for (const m of body.matchAll(token)) {
    const top = stack.at(-1)!;
    if (m[3] !== undefined) top.text += m[3].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    else if (m[0].startsWith('</')) {
      if (top.name !== m[1]) throw new Error(`XML: </${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: Element = { name: m[1]!, children: [], text: '' };
      top.children.push(element);
      if (m[2] !== '/') stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack.at(-1)!.name}> is never closed`);
  return root.children[0]!;
}

/**
 * An EC2-protocol answer read the way the model says (members by `locationName`, lists of
 * `<item>`), into the member names `outputProblems` checks; an element the model does not have is
 * a problem, not silently dropped as an SDK would.
 */
export function ec2AnswerToShape(model: ServiceModel, operation: string, xml: string, problems: string[]): unknown {
  const root = parseXml(xml);
  if (root.name !== `${operation}Response`) problems.push(`root element is <${root.name}>, expected <${operation}Response>`);
  const output = model.operations[operation]?.output?.shape ?? '';
  return read(model, output, { ...root, children: root.children.filter((c) => c.name !== 'requestId') }, operation, problems);
}

function read(model: ServiceModel, shapeName: string, element: Element, where: string, problems: string[]): unknown {
  const shape = model.shapes[shapeName];
  if (!shape) return undefined;
  if (shape.type === 'structure') {
    const value: Record<string, unknown> = {};
    for (const child of element.children) {
      const member = Object.entries(shape.members ?? {}).find(([name, m]) => (m.locationName ?? name[0]!.toLowerCase() + name.slice(1)) === child.name);
      if (!member) {
        problems.push(`${where}: <${child.name}> is not a member of ${shapeName}`);
        continue;
      }
      value[member[0]] = read(model, member[1].shape, child, `${where}.${member[0]}`, problems);
    }
    return value;
  }
  if (shape.type === 'list') {
    const itemName = (shape.member as { locationName?: string } | undefined)?.locationName ?? 'member';
    return element.children.map((child, i) => {
      if (child.name !== itemName) problems.push(`${where}[${i}]: <${child.name}>, expected <${itemName}>`);
      return read(model, shape.member!.shape, child, `${where}[${i}]`, problems);
    });
  }
  const text = element.text;
  if (shape.type === 'integer' || shape.type === 'long') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (shape.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}
