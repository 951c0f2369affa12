/**
 * Decodes the protobuf bodies kubectl's typed clients send (`kubectl create namespace|configmap|
 * secret|serviceaccount`): the `k8s\0` envelope around runtime.Unknown, then the object, for the
 * few kinds those commands create. Other kinds are refused with 415.
 */
import { KubeError } from './status.js';

type FieldType = 'string' | 'bytes' | 'bool' | 'int64' | 'stringMap' | 'bytesMap' | 'strings' | { message: Schema; repeated?: boolean };
type Schema = Record<number, [name: string, type: FieldType]>;

const OWNER_REFERENCE: Schema = { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool'], 7: ['blockOwnerDeletion', 'bool'] };
const OBJECT_META: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  11: ['labels', 'stringMap'],
  12: ['annotations', 'stringMap'],
  13: ['ownerReferences', { message: OWNER_REFERENCE, repeated: true }],
  14: ['finalizers', 'strings'],
};
const META: [string, FieldType] = ['metadata', { message: OBJECT_META }];
const NAME_REF: Schema = { 1: ['name', 'string'] };
const OBJECT_REF: Schema = { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'] };

const KINDS: Record<string, Schema> = {
  'v1/Namespace': { 1: META, 2: ['spec', { message: { 1: ['finalizers', 'strings'] } }] },
  'v1/ConfigMap': { 1: META, 2: ['data', 'stringMap'], 3: ['binaryData', 'bytesMap'], 4: ['immutable', 'bool'] },
  'v1/Secret': { 1: META, 2: ['data', 'bytesMap'], 3: ['type', 'string'], 4: ['stringData', 'stringMap'], 5: ['immutable', 'bool'] },
  'v1/ServiceAccount': { 1: META, 2: ['secrets', { message: OBJECT_REF, repeated: true }], 3: ['imagePullSecrets', { message: NAME_REF, repeated: true }], 4: ['automountServiceAccountToken', 'bool'] },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  /** Yields (field number, wire type) pairs; the caller reads or skips each value. */
  *fields(): Generator<[number, number]> {
    while (!this.done) {
      const key = Number(this.varint());
      yield [key >>> 3, key & 7];
    }
  }
}

function decodeMapEntry(buf: Buffer, valueIsBytes: boolean): [string, string] {
  const r = new Reader(buf);
  let key = '';
  let value = '';
  for (const [field, wire] of r.fields()) {
    if (field === 1 && wire === 2) key = r.bytes().toString('utf8');
    else if (field === 2 && wire === 2) {
      const raw = r.bytes();
      value = valueIsBytes ? raw.toString('base64') : raw.toString('utf8');
    } else r.skip(wire);
  }
  return [key, value];
}

function decodeMessage(buf: Buffer, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  for (const [field, wire] of r.fields()) {
    const spec = schema[field];
    if (!spec) {
      r.skip(wire);
      continue;
    }
    const [name, type] = spec;
    if (type === 'bool') out[name] = r.varint() !== 0n;
    else if (type === 'int64') out[name] = Number(r.varint());
    else if (type === 'string') out[name] = r.bytes().toString('utf8');
    else if (type === 'bytes') out[name] = r.bytes().toString('base64');
    else if (type === 'strings') out[name] = [...((out[name] as string[] | undefined) ?? []), r.bytes().toString('utf8')];
    else if (type === 'stringMap' || type === 'bytesMap') {
      const [k, v] = decodeMapEntry(r.bytes(), type === 'bytesMap');
      out[name] = { ...((out[name] as Record<string, string> | undefined) ?? {}), [k]: v };
    } else {
      const value = decodeMessage(r.bytes(), type.message);
      out[name] = type.repeated ? [...((out[name] as unknown[] | undefined) ?? []), value] : value;
    }
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function decodeKubeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new KubeError(400, 'BadRequest', 'the protobuf body does not start with the k8s envelope');
  const unknown = decodeMessage(body.subarray(4), {
    1: ['typeMeta', { message: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] } }],
    2: ['raw', 'bytes'],
  }) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  const schema = KINDS[`${apiVersion}/${kind}`];
  if (!schema) {
    throw new KubeError(415, 'UnsupportedMediaType', `the sandbox API decodes protobuf bodies only for ${Object.keys(KINDS).join(', ')}; send ${apiVersion}/${kind} as JSON (kubectl apply)`);
  }
  return { apiVersion, kind, ...decodeMessage(Buffer.from(unknown.raw ?? '', 'base64'), schema) };
}
