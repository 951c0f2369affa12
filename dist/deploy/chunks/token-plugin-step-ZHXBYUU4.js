import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{credentialsFromEnv,credentialsFromSdkChain,tokenPluginOutput}from"./chunk-USHVCPNN.js";import"./chunk-QWWYJU7H.js";import"./chunk-7XAMPGHU.js";import"./chunk-G7FIL6UD.js";async function tokenPlugin(argv){try{let output=await tokenPluginOutput(argv,async region=>credentialsFromEnv(process.env)??await credentialsFromSdkChain(region));process.stdout.write(output)}catch(error){process.stderr.write(`eks-kit eks-token: ${error.message}
`),process.exitCode=1}}export{tokenPlugin};
//# sourceMappingURL=token-plugin-step-ZHXBYUU4.js.map
