import type { Rule } from '../rule.js';
import { dl1001 } from './pragmas/dl1001-inline-ignore.js';
import { dl3000 } from './instructions/dl3000-absolute-workdir.js';
import { dl3001 } from './shell/dl3001-pointless-commands.js';
import { dl3002 } from './instructions/dl3002-last-user-root.js';
import { dl3003 } from './shell/dl3003-cd.js';
import { dl3004 } from './shell/dl3004-sudo.js';
import { dl3006 } from './base-image/dl3006-tag-image.js';
import { dl3007 } from './base-image/dl3007-latest.js';
import { dl3008 } from './apt/dl3008-pin-apt.js';
import { dl3009 } from './apt/dl3009-apt-lists.js';
import { dl3010 } from './instructions/dl3010-add-archives.js';
import { dl3011 } from './instructions/dl3011-port-range.js';
import { dl3012 } from './instructions/dl3012-one-healthcheck.js';
import { dl3013 } from './pip/dl3013-pin-pip.js';
import { dl3014 } from './apt/dl3014-apt-yes.js';
import { dl3015 } from './apt/dl3015-no-install-recommends.js';
import { dl3016 } from './node/dl3016-pin-npm.js';
import { dl3018 } from './apk/dl3018-pin-apk.js';
import { dl3019 } from './apk/dl3019-apk-no-cache.js';
import { dl3020 } from './instructions/dl3020-copy-not-add.js';
import { dl3021 } from './instructions/dl3021-copy-dest-slash.js';
import { dl3022 } from './stages/dl3022-copy-from-defined.js';
import { dl3023 } from './stages/dl3023-copy-from-self.js';
import { dl3024 } from './stages/dl3024-unique-alias.js';
import { dl3025 } from './instructions/dl3025-json-cmd.js';
import { dl3026 } from './base-image/dl3026-trusted-registries.js';
import { dl3027 } from './apt/dl3027-no-apt.js';
import { dl3028 } from './ruby/dl3028-pin-gem.js';
import { dl3029 } from './base-image/dl3029-platform.js';
import { dl3030 } from './rpm/dl3030-yum-yes.js';
import { dl3032 } from './rpm/dl3032-yum-clean.js';
import { dl3033 } from './rpm/dl3033-pin-yum.js';
import { dl3034 } from './rpm/dl3034-zypper-yes.js';
import { dl3035 } from './rpm/dl3035-zypper-dist-upgrade.js';
import { dl3036 } from './rpm/dl3036-zypper-clean.js';
import { dl3037 } from './rpm/dl3037-pin-zypper.js';
import { dl3038 } from './rpm/dl3038-dnf-yes.js';
import { dl3040 } from './rpm/dl3040-dnf-clean.js';
import { dl3041 } from './rpm/dl3041-pin-dnf.js';
import { dl3042 } from './pip/dl3042-pip-no-cache.js';
import { dl3043 } from './instructions/dl3043-onbuild-trigger.js';
import { dl3044 } from './instructions/dl3044-env-self-reference.js';
import { dl3045 } from './instructions/dl3045-copy-relative-dest.js';
import { dl3046 } from './shell/dl3046-useradd-uid.js';
import { dl3047 } from './shell/dl3047-wget-progress.js';
import { dl3048 } from './labels/dl3048-label-key.js';
import { dl3049 } from './labels/dl3049-label-missing.js';
import { dl3050 } from './labels/dl3050-superfluous-label.js';
import { dl3051 } from './labels/dl3051-label-empty.js';
import { dl3052 } from './labels/dl3052-label-url.js';
import { dl3053 } from './labels/dl3053-label-time.js';
import { dl3054 } from './labels/dl3054-label-spdx.js';
import { dl3055 } from './labels/dl3055-label-hash.js';
import { dl3056 } from './labels/dl3056-label-semver.js';
import { dl3057 } from './instructions/dl3057-healthcheck-missing.js';
import { dl3058 } from './labels/dl3058-label-email.js';
import { dl3059 } from './layers/dl3059-consecutive-run.js';
import { dl3060 } from './node/dl3060-yarn-cache.js';
import { dl3061 } from './instructions/dl3061-instruction-order.js';
import { dl3062 } from './go/dl3062-pin-go.js';
import { dl3063 } from './stages/dl3063-reserved-stage-name.js';
import { dl3064 } from './instructions/dl3064-sensitive-arg-env.js';
import { dl3065 } from './base-image/dl3065-redundant-target-platform.js';
import { dl3066 } from './instructions/dl3066-numeric-user.js';
import { dl3067 } from './stages/dl3067-copy-whole-filesystem.js';
import { dl4000 } from './instructions/dl4000-maintainer.js';
import { dl4001 } from './shell/dl4001-wget-and-curl.js';
import { dl4003 } from './instructions/dl4003-multiple-cmd.js';
import { dl4004 } from './instructions/dl4004-multiple-entrypoint.js';
import { dl4005 } from './shell/dl4005-ln-sh.js';
import { dl4006 } from './shell/dl4006-pipefail.js';

/**
 * Rules with the code, severity and meaning of a hadolint rule, so `# hadolint ignore=…` pragmas
 * and `.hadolint.yaml` keep working. docs/rules/hadolint.md lists what is covered and why the
 * rest is not.
 */
export const hadolintRules: readonly Rule[] = [
  dl1001,
  dl3000,
  dl3001,
  dl3002,
  dl3003,
  dl3004,
  dl3006,
  dl3007,
  dl3008,
  dl3009,
  dl3010,
  dl3011,
  dl3012,
  dl3013,
  dl3014,
  dl3015,
  dl3016,
  dl3018,
  dl3019,
  dl3020,
  dl3021,
  dl3022,
  dl3023,
  dl3024,
  dl3025,
  dl3026,
  dl3027,
  dl3028,
  dl3029,
  dl3030,
  dl3032,
  dl3033,
  dl3034,
  dl3035,
  dl3036,
  dl3037,
  dl3038,
  dl3040,
  dl3041,
  dl3042,
  dl3043,
  dl3044,
  dl3045,
  dl3046,
  dl3047,
  dl3048,
  dl3049,
  dl3050,
  dl3051,
  dl3052,
  dl3053,
  dl3054,
  dl3055,
  dl3056,
  dl3057,
  dl3058,
  dl3059,
  dl3060,
  dl3061,
  dl3062,
  dl3063,
  dl3064,
  dl3065,
  dl3066,
  dl3067,
  dl4000,
  dl4001,
  dl4003,
  dl4004,
  dl4005,
  dl4006,
];
