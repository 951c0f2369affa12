import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{TOKEN_PLUGIN_COMMAND}from"./chunk-QWWYJU7H.js";import"./chunk-G7FIL6UD.js";import path from"node:path";process.argv[2]===TOKEN_PLUGIN_COMMAND?await(await import("./token-plugin.js")).tokenPlugin(process.argv.slice(2)):await(await import("./deploy-inputs-AP5BMTBC.js")).runDeploy(path.resolve(process.argv[1]??""));
//# sourceMappingURL=main-37TK76D5.js.map
