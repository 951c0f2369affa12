import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{InputError}from"./chunk-3UBBQYB5.js";var REGION=/^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;function parseRegion(value,input){if(!REGION.test(value))throw new InputError(input,`"${value}" is not an AWS region (like us-east-1 or eu-central-1)`);return value}function parseRegistryId(value,input){if(!/^\d{12}$/.test(value))throw new InputError(input,`"${value}" is not an AWS account id (12 digits)`);return value}export{parseRegion,parseRegistryId};
//# sourceMappingURL=chunk-LQ7QZ5YS.js.map
