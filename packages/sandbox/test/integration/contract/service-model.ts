import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The part of a botocore service model (`service-2.json`) the contract check reads. */
interface Shape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string; location?: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  timestampFormat?: string;
  exception?: boolean;
}

export interface ServiceModel {
  metadata: { protocol: string; timestampFormat?: string };
  operations: Record<string, { output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, Shape>;
}

/** Errors any AWS service answers whatever the operation declares (auth, throttling, validation). */
export const COMMON_ERRORS = ['AccessDeniedException', 'ThrottlingException', 'ValidationException', 'UnrecognizedClientException', 'InvalidSignatureException', 'MissingAuthenticationTokenException', 'SerializationException'];

/** The botocore models that ship with the AWS CLI on this machine, found through the Python that runs `aws`. */
export function loadServiceModel(service: string): ServiceModel {
  const python = botocorePython();
  const root = execFileSync(python, ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  const dir = path.join(root, 'data', service);
  const version = execFileSync('ls', [dir], { encoding: 'utf8' }).trim().split('\n').sort().at(-1);
  const base = path.join(dir, version ?? '', 'service-2.json');
  const text = existsSync(base) ? readFileSync(base, 'utf8') : gunzipSync(readFileSync(`${base}.gz`)).toString('utf8');
  return JSON.parse(text) as ServiceModel;
}

function botocorePython(): string {
  const aws = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();
  const first = readFileSync(aws, 'utf8').split('\n')[0] ?? '';
  // A pyenv shim is a shell script: ask pyenv which python it runs.
  if (first.includes('bash') || first.includes('/sh')) return execFileSync('sh', ['-c', 'pyenv which python 2>/dev/null || command -v python3'], { encoding: 'utf8' }).trim();
  return first.replace(/^#!\s*/, '').split(' ')[0] ?? 'python3';
}

/**
 * Problems of one answer body against an operation's output shape: missing required members,
 * members the model does not have, wrong types, values outside an enum, timestamps not in the
 * protocol's format (epoch seconds for JSON protocols).
 */
export function outputProblems(model: ServiceModel, operation: string, body: unknown): string[] {
  const output = model.operations[operation]?.output?.shape;
  if (!output) return body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0) ? [] : [`${operation} has no output shape but answered ${JSON.stringify(body).slice(0, 80)}`];
  const problems: string[] = [];
  check(model, output, body, operation, problems);
  return problems;
}

/** Whether an error code is one the operation declares (or one every service answers). */
export function errorDeclared(model: ServiceModel, operation: string, code: string): boolean {
  return COMMON_ERRORS.includes(code) || (model.operations[operation]?.errors ?? []).some((e) => e.shape === code);
}

function check(model: ServiceModel, shapeName: string, value: unknown, where: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void problems.push(`${where}: the model has no shape ${shapeName}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: expected an object (${shapeName})`);
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) if (record[name] === undefined) problems.push(`${where}.${name}: required by ${shapeName}, missing`);
      for (const [name, member] of Object.entries(record)) {
        const declared = shape.members?.[name];
        if (!declared) problems.push(`${where}.${name}: not a member of ${shapeName}`);
        else if (member !== null && member !== undefined) check(model, declared.shape, member, `${where}.${name}`, problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void problems.push(`${where}: expected a list (${shapeName})`);
      value.forEach((item, i) => check(model, shape.member!.shape, item, `${where}[${i}]`, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null) return void problems.push(`${where}: expected a map (${shapeName})`);
      for (const [key, item] of Object.entries(value)) check(model, shape.value!.shape, item, `${where}.${key}`, problems);
      return;
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${where}: expected a string (${shapeName}), got ${JSON.stringify(value)}`);
      if (shape.enum && !shape.enum.includes(value)) problems.push(`${where}: "${value}" is not one of ${shapeName}'s values (${shape.enum.join(', ')})`);
      return;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) problems.push(`${where}: expected a whole number (${shapeName}), got ${JSON.stringify(value)}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') problems.push(`${where}: expected a number (${shapeName}), got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${where}: expected a boolean (${shapeName})`);
      return;
    case 'timestamp': {
      const format = shape.timestampFormat ?? model.metadata.timestampFormat ?? (model.metadata.protocol === 'json' || model.metadata.protocol === 'rest-json' ? 'unixTimestamp' : 'iso8601');
      const ok = format === 'unixTimestamp' ? typeof value === 'number' : typeof value === 'string' && !Number.isNaN(Date.parse(value));
      if (!ok) problems.push(`${where}: expected a ${format} timestamp (${shapeName}), got ${JSON.stringify(value)}`);
      return;
    }
    case 'blob':
      if (typeof value !== 'string') problems.push(`${where}: expected base64 text (${shapeName})`);
      return;
    default:
      return;
  }
}
