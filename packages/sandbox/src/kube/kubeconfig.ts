/** A kubeconfig for the simulator: static token, exec credential plugin, or none. */
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** A bearer token written into the file. */
  token?: string;
  /** An exec credential plugin (kubectl runs it and uses the token it prints), as EKS setups do. */
  exec?: { command: string; args?: string[]; env?: Record<string, string> };
  namespace?: string;
  /** Context, cluster and user name (default "sandbox"). */
  name?: string;
}

export function buildKubeconfig(server: string, caData: string | undefined, options: KubeconfigOptions = {}): string {
  const name = options.name ?? 'sandbox';
  const user: Record<string, unknown> = {};
  if (options.token) user.token = options.token;
  if (options.exec) {
    user.exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: options.exec.command,
      args: options.exec.args ?? [],
      ...(options.exec.env ? { env: Object.entries(options.exec.env).map(([k, v]) => ({ name: k, value: v })) } : {}),
      interactiveMode: 'Never',
      provideClusterInfo: false,
    };
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, ...(caData ? { 'certificate-authority-data': caData } : {}) } }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': name,
    preferences: {},
  });
}
