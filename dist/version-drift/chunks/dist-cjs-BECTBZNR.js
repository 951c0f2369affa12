import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{require_dist_cjs}from"./chunk-SKSTDQIW.js";import"./chunk-DAVQIQUZ.js";import"./chunk-Z52J5GED.js";import"./chunk-G7FIL6UD.js";export default require_dist_cjs();
//# sourceMappingURL=dist-cjs-BECTBZNR.js.map
