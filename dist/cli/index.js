#!/usr/bin/env node
import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
process.setSourceMapsEnabled(!0);await import("./chunks/main-2BN65LY2.js");
//# sourceMappingURL=index.js.map
