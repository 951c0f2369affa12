import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
var SEVERITIES=["error","warning","info","style"];function severityRank(severity){return SEVERITIES.indexOf(severity)}function compareCodes(a,b){return a<b?-1:a>b?1:0}function isSeverity(value){return SEVERITIES.includes(value)}export{SEVERITIES,severityRank,compareCodes,isSeverity};
//# sourceMappingURL=chunk-OVZGIPYW.js.map
