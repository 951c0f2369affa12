import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{require_dist_cjs}from"./chunk-DAX7JBSC.js";import"./chunk-HMZCSOJZ.js";import"./chunk-FH6U5SQH.js";import"./chunk-DARYMX3M.js";export default require_dist_cjs();
