import { credentialsFromEnv, credentialsFromSdkChain, tokenPluginOutput } from '@eks-kit/kube/token';

/** kubectl's exec credential plugin: a fresh EKS token on stdout, or one line on stderr. */
export async function tokenPlugin(argv: string[]): Promise<void> {
  try {
    const output = await tokenPluginOutput(argv, async (region) => credentialsFromEnv(process.env) ?? (await credentialsFromSdkChain(region)));
    process.stdout.write(output);
  } catch (error) {
    // kubectl shows the plugin's stderr; keep it to what went wrong.
    process.stderr.write(`eks-kit eks-token: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
