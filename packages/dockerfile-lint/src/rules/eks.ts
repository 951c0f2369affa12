import type { Rule } from '../rule.js';

/** eks-kit's own rules (EK prefix): build cache, layers, image size and start-up. */
export const eksRules: readonly Rule[] = [];
