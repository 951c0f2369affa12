import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/post-X7GC2W7C.js");
//# sourceMappingURL=post.js.map
