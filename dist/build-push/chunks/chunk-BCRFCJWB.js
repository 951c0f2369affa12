import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
function savedState(name,env=process.env){return env[`STATE_${name}`]??""}export{savedState};
//# sourceMappingURL=chunk-BCRFCJWB.js.map
