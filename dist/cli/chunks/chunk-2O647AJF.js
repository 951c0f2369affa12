import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
var KIT_VERSION="1.0.0";var KIT_USER_AGENT_ID=`eks-kit#${KIT_VERSION}`;export{KIT_VERSION,KIT_USER_AGENT_ID};
//# sourceMappingURL=chunk-2O647AJF.js.map
