import { createContext } from '@eks-kit/action-runtime';
import { removeKubeconfig } from '@eks-kit/kube';

// Runs even when the main step failed or was cancelled; it knows only what main saved.
const context = createContext();
const dir = context.getState('kubeconfig-dir');
if (dir) {
  try {
    if (removeKubeconfig(dir)) context.logger.info('Removed the kubeconfig this deploy wrote.');
  } catch (error) {
    context.logger.warning(`Could not remove the kubeconfig directory: ${(error as Error).message}`);
  }
}
