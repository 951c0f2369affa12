// Every action's table, for the generator and the checks. Bundles import one table each, never this.
import { BUILD_PUSH_TABLE } from './build-push.js';
import { DEPLOY_TABLE } from './deploy.js';
import { LINT_TABLE } from './lint.js';
import { SCAN_GATE_TABLE } from './scan-gate.js';
import type { InputTable } from './spec.js';
import { VERSION_DRIFT_TABLE } from './version-drift.js';

export const ALL_TABLES: readonly InputTable[] = [BUILD_PUSH_TABLE, DEPLOY_TABLE, LINT_TABLE, SCAN_GATE_TABLE, VERSION_DRIFT_TABLE];
