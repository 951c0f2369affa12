import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/main-JC54AS3G.js");
//# sourceMappingURL=index.js.map
