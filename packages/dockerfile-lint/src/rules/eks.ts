import type { Rule } from '../rule.js';
import { ek0003 } from './eks/ek0003-unknown-instruction.js';
import { ek0004 } from './eks/ek0004-no-from.js';
import { ek0005 } from './eks/ek0005-rejected-syntax.js';
import { ek0006 } from './eks/ek0006-check-directive.js';
import { ek1001 } from './eks/ek1001-copy-before-install.js';
import { ek1002 } from './eks/ek1002-cache-mount.js';
import { ek1003 } from './eks/ek1003-cleanup-later-layer.js';
import { ek1004 } from './eks/ek1004-credential-file-copied.js';
import { ek1005 } from './eks/ek1005-no-dockerignore.js';
import { ek1006 } from './eks/ek1006-build-tools-shipped.js';
import { ek1007 } from './eks/ek1007-package-order.js';
import { ek1008 } from './eks/ek1008-duplicate-package.js';
import { ek1009 } from './eks/ek1009-install-at-start.js';
import { ek1010 } from './eks/ek1010-large-runtime-base.js';
import { ek1011 } from './eks/ek1011-per-build-value-early.js';
import { ek1012 } from './eks/ek1012-literal-credential.js';
import { ek1013 } from './eks/ek1013-dockerignore-git.js';

/**
 * eks-kit's own rules (EK prefix): build cache, layers, image size and start-up. EK0001
 * (parse failure) and EK0002 (a rule crashed) come from the engine itself, see linter.ts.
 */
export const eksRules: readonly Rule[] = [ek0003, ek0004, ek0005, ek0006, ek1001, ek1002, ek1003, ek1004, ek1005, ek1006, ek1007, ek1008, ek1009, ek1010, ek1011, ek1012, ek1013];
