import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{require_dist_cjs5 as require_dist_cjs}from"./chunk-KA4HHEVB.js";import"./chunk-7YQZX4EN.js";import"./chunk-G7FIL6UD.js";export default require_dist_cjs();
//# sourceMappingURL=dist-cjs-IEEAWTAO.js.map
