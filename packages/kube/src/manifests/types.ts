/** A Kubernetes object as read from a manifest, with where it came from for messages. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface SourceLocation {
  file: string;
  /** 1-based line of the document's first line. */
  line: number;
}

export interface Manifest {
  object: KubeObject;
  source: SourceLocation;
  /** Line of a field by its path in the object (e.g. ['spec','template','spec','containers',0,'image']). */
  lineOf(path: readonly (string | number)[]): number;
}

export function refOf(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}
