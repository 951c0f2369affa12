import { runActionStep } from '@eks-kit/action-runtime';
import { DEPLOY_TABLE, readDeploySettings } from '@eks-kit/inputs/deploy';

/** The deploy step's entry, apart from the token plugin's: inputs first, then the deploy itself. */
export async function runDeploy(entryFile: string): Promise<void> {
  await runActionStep(
    (context) => readDeploySettings(context.read(DEPLOY_TABLE), context.env),
    async () => {
      const { deployStep } = await import('./deploy-step.js');
      return (context, inputs) => deployStep(context, inputs, entryFile);
    },
  );
}
