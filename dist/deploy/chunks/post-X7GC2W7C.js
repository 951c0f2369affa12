import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{removeKubeconfig}from"./chunk-6PKVDWF7.js";import{createContext}from"./chunk-2HNE7OOY.js";import"./chunk-7XAMPGHU.js";import"./chunk-NHIZABON.js";import"./chunk-G7FIL6UD.js";var context=createContext(),dir=context.getState("kubeconfig-dir");if(dir)try{removeKubeconfig(dir)&&context.logger.info("Removed the kubeconfig this deploy wrote.")}catch(error){context.logger.warning(`Could not remove the kubeconfig directory: ${error.message}`)}
//# sourceMappingURL=post-X7GC2W7C.js.map
