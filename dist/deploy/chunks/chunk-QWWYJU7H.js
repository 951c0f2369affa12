import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
var TOKEN_PLUGIN_COMMAND="eks-token";function tokenPluginArgs(clusterName,region){return[TOKEN_PLUGIN_COMMAND,"--cluster",clusterName,"--region",region]}export{TOKEN_PLUGIN_COMMAND,tokenPluginArgs};
//# sourceMappingURL=chunk-QWWYJU7H.js.map
