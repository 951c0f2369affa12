import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
var LOGOUT_STATE="build-push-login";function parseSavedLogin(text){if(text)try{let value=JSON.parse(text);if((value.program==="docker"||value.program==="buildah")&&typeof value.host=="string"&&/^[A-Za-z0-9][A-Za-z0-9.-]*(?::\d+)?$/.test(value.host))return{program:value.program,host:value.host}}catch{}}export{LOGOUT_STATE,parseSavedLogin};
//# sourceMappingURL=chunk-4BAPZUIW.js.map
