/**
 * Two patches to the parser this package ships with (pinned to dockerfile-ast 0.7.x), applied once
 * per process: they change how much work dockerfile-ast does, never what it answers.
 */
import { Add, Arg, Cmd, Copy, Entrypoint, Env, From, Healthcheck, Instruction, Label, Onbuild, Run, Shell, Stopsignal, User, Volume, Workdir } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';

type AstInstruction = Instruction;
// Every class the parser makes instructions of (the base classes are reached from these).
const INSTRUCTION_CLASSES = [Add, Arg, Cmd, Copy, Entrypoint, Env, From, Healthcheck, Instruction, Label, Onbuild, Run, Shell, Stopsignal, User, Volume, Workdir];

let patched = false;

export function patchDockerfileAst(): void {
  if (patched) return;
  patched = true;
  for (const instructionClass of INSTRUCTION_CLASSES) memoizeAccessors(instructionClass.prototype);
  reuseRepeatedInstructions();
}

/**
 * dockerfile-ast recomputes an instruction's arguments from the text on every call, and its own
 * accessors call each other (getFlags, getArgumentsContent, getArgumentsRange… each re-split the
 * arguments): a third of all lint time before this. Syntax-tree nodes never change once parsed,
 * so the accessors of each node class are wrapped, once per process, to keep their first answer
 * on the node. The cache is keyed by class as well as name, because a subclass method and the
 * `super` method it calls share a name but not an answer. dockerfile-ast 0.7's accessors take no
 * arguments; a call with arguments goes straight through.
 *
 * Cached arrays are handed out as they are, except the base class's argument lists:
 * ModifiableInstruction takes its flags off the front of `super.getArguments()` with `shift()`,
 * the one place dockerfile-ast changes an array an accessor gave it. Copying every answer cost
 * more than the rest of the wrapper (some 300,000 calls per bench corpus); nothing in the model
 * or the rules changes these arrays.
 */
// Not getRange: it only reads a field, and the wrapper would cost more than it saves.
const MEMOIZED = ['getRawArguments', 'getArguments', 'getFlags', 'getArgumentsRanges', 'getArgumentsRange', 'getRawArgumentsContent', 'getArgumentsContent', 'getHeredocs'];
const CHANGED_BY_CALLERS = new Set(['getRawArguments', 'getArguments']);
const CACHE = Symbol('eks-kit.accessor-cache');
const MISSING = Symbol('missing');
const wrappedPrototypes = new WeakSet<object>();
let slotCount = 0;

function memoizeAccessors(instructionClass: object): void {
  for (let proto = instructionClass as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (wrappedPrototypes.has(proto)) continue;
    wrappedPrototypes.add(proto);
    for (const name of MEMOIZED) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value !== 'function') continue;
      const original = descriptor.value as (this: object, ...args: unknown[]) => unknown;
      // One slot per (class, accessor) in a small array on each node: cheaper than a Map.
      const slot = slotCount++;
      const copy = CHANGED_BY_CALLERS.has(name) && !inheritsMethod(proto, name);
      Object.defineProperty(proto, name, { ...descriptor, value: copy ? memoizedCopy(original, slot) : memoized(original, slot) });
    }
  }
}

type Accessor = (this: object, ...args: unknown[]) => unknown;
type Cached = { [CACHE]?: unknown[] };

function memoized(original: Accessor, slot: number): Accessor {
  return function (this: Cached): unknown {
    // eslint-disable-next-line prefer-rest-params -- no array allocated on the hot path
    if (arguments.length > 0) return original.apply(this, Array.from(arguments));
    const cache = (this[CACHE] ??= []);
    const value = cache[slot];
    if (value === undefined) {
      const computed = original.call(this);
      cache[slot] = computed === undefined ? MISSING : computed;
      return computed;
    }
    return value === MISSING ? undefined : value;
  };
}

function memoizedCopy(original: Accessor, slot: number): Accessor {
  const cached = memoized(original, slot);
  return function (this: Cached): unknown {
    // eslint-disable-next-line prefer-rest-params -- as above
    const value = arguments.length > 0 ? original.apply(this, Array.from(arguments)) : cached.call(this);
    return Array.isArray(value) ? value.slice() : value;
  };
}

/** Whether a class further up the chain also defines `name` (so `proto`'s may call it with `super`). */
function inheritsMethod(proto: object, name: string): boolean {
  for (let up = Object.getPrototypeOf(proto) as object | null; up && up !== Object.prototype; up = Object.getPrototypeOf(up) as object | null) {
    if (Object.hasOwn(up, name)) return true;
  }
  return false;
}


type CreateInstruction = (this: object, dockerfile: object, keyword: string, start: number, instructionEnd: number, end: number) => AstInstruction;
interface Built {
  dockerfile: object;
  keyword: string;
  start: number;
  instructionEnd: number;
  end: number;
  node: AstInstruction;
}
const LAST_BUILT = Symbol('eks-kit.last-instruction');

/**
 * The parser builds an instruction that ends at a line break twice: once to look for heredocs in
 * it, then again to keep, from the same arguments when it had none. Building is much of the parse
 * (CMD, ENTRYPOINT, RUN, SHELL and HEALTHCHECK split their arguments in the constructor), so the
 * second build with the same arguments returns the first object, which nothing else holds.
 */
function reuseRepeatedInstructions(): void {
  const proto = Parser.prototype as unknown as { createInstruction: CreateInstruction };
  const original = proto.createInstruction;
  proto.createInstruction = function (this: { [LAST_BUILT]?: Built }, dockerfile, keyword, start, instructionEnd, end) {
    const last = this[LAST_BUILT];
    if (last && last.start === start && last.end === end && last.instructionEnd === instructionEnd && last.dockerfile === dockerfile && last.keyword === keyword) return last.node;
    const node = original.call(this, dockerfile, keyword, start, instructionEnd, end);
    this[LAST_BUILT] = { dockerfile, keyword, start, instructionEnd, end, node };
    return node;
  };
}
