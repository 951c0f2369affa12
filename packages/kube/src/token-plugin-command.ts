// Apart from the plugin itself: a bundle's entry checks for the command before it loads node:crypto.

/** The argument that turns a deploy bundle into kubectl's credential plugin. */
export const TOKEN_PLUGIN_COMMAND = 'eks-token';

export function tokenPluginArgs(clusterName: string, region: string): string[] {
  return [TOKEN_PLUGIN_COMMAND, '--cluster', clusterName, '--region', region];
}
