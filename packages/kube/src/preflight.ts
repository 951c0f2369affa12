import { podSpecOf, type ContainerLike } from './manifests/images.js';
import type { Manifest } from './manifests/types.js';
import { refOf } from './manifests/types.js';

export type FindingSeverity = 'error' | 'warning';

export interface PreflightFinding {
  rule: string;
  severity: FindingSeverity;
  resource: string;
  message: string;
  file: string;
  line: number;
}

export interface PreflightOptions {
  /** Check what a Fargate profile would refuse (DaemonSets, privileged, host network and ports). */
  fargate?: boolean;
  /** Rule ids to skip. */
  ignore?: readonly string[];
}

export const PREFLIGHT_RULES: Record<string, { severity: FindingSeverity; title: string }> = {
  EKD001: { severity: 'warning', title: 'may run as root' },
  EKD002: { severity: 'error', title: 'privileged container' },
  EKD003: { severity: 'warning', title: 'privilege escalation allowed' },
  EKD004: { severity: 'warning', title: 'writable root filesystem' },
  EKD005: { severity: 'warning', title: 'no resource requests' },
  EKD006: { severity: 'warning', title: 'no readiness probe' },
  EKD007: { severity: 'error', title: 'image by mutable tag' },
  EKD008: { severity: 'error', title: 'Fargate would reject it' },
};

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
}

const SERVING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Checks the rendered manifests before anything is applied; every finding has file and line. */
export function preflight(manifests: readonly Manifest[], options: PreflightOptions = {}): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const ignore = new Set(options.ignore ?? []);
  for (const manifest of manifests) {
    const { object } = manifest;
    const add = (rule: string, message: string, path: readonly (string | number)[]) => {
      const spec = PREFLIGHT_RULES[rule];
      if (!spec || ignore.has(rule)) return;
      findings.push({ rule, severity: spec.severity, resource: refOf(object), message, file: manifest.source.file, line: manifest.lineOf(path) });
    };
    if (options.fargate && object.kind === 'DaemonSet') add('EKD008', 'Fargate runs no DaemonSets; run it on a node group or as a sidecar', ['kind']);
    const pod = podSpecOf(object);
    if (!pod) continue;
    const podPath = pod.path;
    const podContext = (pod.spec.securityContext ?? {}) as SecurityContext;
    if (options.fargate && pod.spec.hostNetwork === true) add('EKD008', 'hostNetwork is not allowed on Fargate', [...podPath, 'hostNetwork']);

    const groups: ['containers' | 'initContainers', ContainerLike[]][] = [
      ['initContainers', pod.spec.initContainers ?? []],
      ['containers', pod.spec.containers ?? []],
    ];
    for (const [field, containers] of groups) {
      containers.forEach((container, index) => {
        const at = (...rest: (string | number)[]) => [...podPath, field, index, ...rest];
        const name = container.name ?? `#${index}`;
        const context = (container.securityContext ?? {}) as SecurityContext;
        const nonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
        const user = context.runAsUser ?? podContext.runAsUser;
        if (user === 0) add('EKD001', `container "${name}" runs as root (runAsUser: 0)`, at('securityContext', 'runAsUser'));
        else if (nonRoot !== true && user === undefined) add('EKD001', `container "${name}" may run as root: set securityContext.runAsNonRoot: true (or runAsUser)`, at('securityContext'));
        if (context.privileged === true) {
          add('EKD002', `container "${name}" is privileged`, at('securityContext', 'privileged'));
          if (options.fargate) add('EKD008', `privileged container "${name}" is not allowed on Fargate`, at('securityContext', 'privileged'));
        }
        if (context.allowPrivilegeEscalation !== false && context.privileged !== true) {
          add('EKD003', `container "${name}" allows privilege escalation: set securityContext.allowPrivilegeEscalation: false`, at('securityContext'));
        }
        if (context.readOnlyRootFilesystem !== true) add('EKD004', `container "${name}" has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true`, at('securityContext'));
        const requests = (container.resources as { requests?: Record<string, unknown> } | undefined)?.requests;
        if (!requests || Object.keys(requests).length === 0) add('EKD005', `container "${name}" has no resource requests: the scheduler cannot place it well and it is evicted first`, at('resources'));
        if (field === 'containers' && SERVING_KINDS.has(object.kind) && !container.readinessProbe) {
          add('EKD006', `container "${name}" has no readiness probe: a rollout counts it ready as soon as it starts`, at('name'));
        }
        if (container.image && !/@sha256:[0-9a-f]{64}$/.test(container.image)) {
          add('EKD007', `container "${name}" uses ${container.image}, a tag that can move: deploy by digest (images: input)`, at('image'));
        }
        if (options.fargate) {
          const ports = (container.ports ?? []) as { hostPort?: number }[];
          ports.forEach((port, p) => {
            if (port.hostPort) add('EKD008', `hostPort ${port.hostPort} is not allowed on Fargate`, at('ports', p, 'hostPort'));
          });
        }
      });
    }
  }
  return findings;
}
