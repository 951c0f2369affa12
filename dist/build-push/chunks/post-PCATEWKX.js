import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{savedState}from"./chunk-BCRFCJWB.js";import"./chunk-5CVSB36R.js";var LOGOUT_STATE="build-push-login";function parseSavedLogin(text){if(text)try{let value=JSON.parse(text);if((value.program==="docker"||value.program==="buildah")&&typeof value.host=="string"&&/^[A-Za-z0-9][A-Za-z0-9.-]*(?::\d+)?$/.test(value.host))return{program:value.program,host:value.host}}catch{}}var login=parseSavedLogin(savedState(LOGOUT_STATE));login?await(await import("./logout-AHECBO6W.js")).logoutStep(login):process.stdout.write(`Nothing to log out of.
`);
//# sourceMappingURL=post-PCATEWKX.js.map
