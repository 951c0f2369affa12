import path from 'node:path';
import { credentialsFromEnv, credentialsFromSdkChain, TOKEN_PLUGIN_COMMAND, tokenPluginOutput } from '@eks-kit/kube/token';

/**
 * One bundle, two roles. Run by the runner, it is the deploy step. Run by kubectl as
 * `node index.js eks-token --cluster … --region …`, it is the exec credential plugin that hands
 * kubectl a fresh EKS token; that path loads nothing else, as kubectl waits on it for every call.
 */
async function tokenPlugin(argv: string[]): Promise<void> {
  try {
    const output = await tokenPluginOutput(argv, async (region) => credentialsFromEnv(process.env) ?? (await credentialsFromSdkChain(region)));
    process.stdout.write(output);
  } catch (error) {
    // kubectl shows the plugin's stderr; keep it to what went wrong.
    process.stderr.write(`eks-kit eks-token: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === TOKEN_PLUGIN_COMMAND) await tokenPlugin(process.argv.slice(2));
// The file node was started with (dist/deploy/index.js), not this module's own, which a bundle
// keeps in a chunk: that is what kubectl must run as the plugin.
else await (await import('./deploy-inputs.js')).runDeploy(path.resolve(process.argv[1] ?? ''));
