import path from 'node:path';
// The narrow path: '@eks-kit/kube/token' would bring node:crypto into this entry.
import { TOKEN_PLUGIN_COMMAND } from '@eks-kit/kube/token-command';

/**
 * One bundle, two roles. Run by the runner, it is the deploy step. Run by kubectl as
 * `node index.js eks-token --cluster … --region …`, it is the exec credential plugin that hands
 * kubectl a fresh EKS token; that path loads nothing else, as kubectl waits on it for every call.
 * Each role is imported only once chosen, so neither loads the other's modules.
 */
if (process.argv[2] === TOKEN_PLUGIN_COMMAND) await (await import('./token-plugin-step.js')).tokenPlugin(process.argv.slice(2));
// The file node was started with (dist/deploy/index.js), not this module's own, which a bundle
// keeps in a chunk: that is what kubectl must run as the plugin.
else await (await import('./deploy-inputs.js')).runDeploy(path.resolve(process.argv[1] ?? ''));
