#!/usr/bin/env node
import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/main-M3E4M4OJ.js");
//# sourceMappingURL=index.js.map
