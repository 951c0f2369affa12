#!/usr/bin/env node
import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/main-3X4A62TI.js");
//# sourceMappingURL=index.js.map
