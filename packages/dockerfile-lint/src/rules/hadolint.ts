import type { Rule } from '../rule.js';
import { dl3006 } from './base-image/dl3006-tag-image.js';
import { dl3007 } from './base-image/dl3007-latest.js';
import { dl3059 } from './layers/dl3059-consecutive-run.js';

/** Rules with the code and meaning of a hadolint rule. */
export const hadolintRules: readonly Rule[] = [dl3006, dl3007, dl3059];
