import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{SHELLCHECK_EXCLUDED,shellcheckModel,shellcheckVersion}from"./chunk-CZNKJQGW.js";import"./chunk-OVZGIPYW.js";import"./chunk-G7FIL6UD.js";export{SHELLCHECK_EXCLUDED,shellcheckModel,shellcheckVersion};
//# sourceMappingURL=check-OSRQMJZX.js.map
