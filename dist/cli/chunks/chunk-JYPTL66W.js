import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
function textOrJsonFormat(group){return{name:"format",kind:"choice",choices:["text","json"],noun:"format",action:!1,description:"How the report is printed.",default:"text",cli:{short:"f",value:"<format>",help:"text | json",...group?{group}:{}}}}var OUTPUT_FILE={name:"output",kind:"string",action:!1,description:"Write the report to a file instead of stdout.",cli:{short:"o",value:"<file>",help:"write the report to a file instead of stdout"}};export{textOrJsonFormat,OUTPUT_FILE};
//# sourceMappingURL=chunk-JYPTL66W.js.map
