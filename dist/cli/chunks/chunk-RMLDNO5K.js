import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
var EXIT={ok:0,policy:1,usage:2,internal:3};export{EXIT};
//# sourceMappingURL=chunk-RMLDNO5K.js.map
