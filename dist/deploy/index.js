import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/main-37TK76D5.js");
//# sourceMappingURL=index.js.map
