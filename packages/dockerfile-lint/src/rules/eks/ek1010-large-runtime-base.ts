import type { BaseImage } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { rootBase } from './stages.js';

interface LargeImage {
  /** Tags that are already a small variant. */
  small: RegExp;
  suggestion: string;
}

const SLIM = /slim|alpine|distroless|minimal|micro/;
// Official images whose default tags are full OS or toolchain images, and what to run on instead.
// ubuntu is left out: its one variant is already about the size of debian's slim one.
const LARGE: Record<string, LargeImage> = {
  debian: { small: SLIM, suggestion: 'debian:<release>-slim or a distroless image' },
  centos: { small: /(?!)/, suggestion: 'a minimal image (ubi-minimal, distroless)' },
  fedora: { small: SLIM, suggestion: 'a minimal image (ubi-minimal, distroless)' },
  amazonlinux: { small: SLIM, suggestion: 'amazonlinux:2023-minimal' },
  rockylinux: { small: SLIM, suggestion: 'the -minimal variant' },
  almalinux: { small: SLIM, suggestion: 'the -minimal variant' },
  oraclelinux: { small: SLIM, suggestion: 'the -slim variant' },
  'buildpack-deps': { small: /(?!)/, suggestion: 'a slim runtime image; buildpack-deps is meant for building' },
  node: { small: SLIM, suggestion: 'node:<version>-slim, node:<version>-alpine or gcr.io/distroless/nodejs' },
  python: { small: SLIM, suggestion: 'python:<version>-slim or python:<version>-alpine' },
  ruby: { small: SLIM, suggestion: 'ruby:<version>-slim or ruby:<version>-alpine' },
  php: { small: SLIM, suggestion: 'php:<version>-fpm-alpine or php:<version>-cli-alpine' },
  perl: { small: SLIM, suggestion: 'perl:<version>-slim' },
  golang: { small: /(?!)/, suggestion: 'scratch, gcr.io/distroless/static or alpine for the built binary' },
  rust: { small: /(?!)/, suggestion: 'gcr.io/distroless/cc, debian:<release>-slim or scratch for the built binary' },
  gcc: { small: /(?!)/, suggestion: 'a slim runtime image for the built binary' },
  maven: { small: /(?!)/, suggestion: 'a JRE image (eclipse-temurin:<version>-jre, amazoncorretto headless) for the built jar' },
  gradle: { small: /(?!)/, suggestion: 'a JRE image (eclipse-temurin:<version>-jre) for the built jar' },
  openjdk: { small: /jre|slim|alpine/, suggestion: 'a JRE image (eclipse-temurin:<version>-jre)' },
  'eclipse-temurin': { small: /jre/, suggestion: 'eclipse-temurin:<version>-jre' },
  'dotnet/sdk': { small: /(?!)/, suggestion: 'mcr.microsoft.com/dotnet/aspnet or dotnet/runtime' },
};

/** `docker.io/library/node`, `public.ecr.aws/docker/library/node`, `node` → `node`. */
function officialName(base: BaseImage): string {
  const name = base.name.toLowerCase();
  if (name.endsWith('dotnet/sdk')) return 'dotnet/sdk';
  const onHub = base.registry === undefined || base.registry === 'docker.io' || base.registry === 'registry-1.docker.io' || base.registry === 'public.ecr.aws' || base.registry === 'mirror.gcr.io';
  const path = name.replace(/^(library|docker\/library|amazonlinux)\//, '');
  return onHub && !path.includes('/') ? path : '';
}

/**
 * Every node that runs a pod pulls the runtime image; a full OS or toolchain image makes
 * scale-out slower and fills node disks. Builder stages are not looked at: only the last
 * stage ships.
 */
export const ek1010: Rule = {
  code: 'EK1010',
  severity: 'info',
  category: 'size',
  title: 'The runtime stage starts from a large general-purpose image where a slim variant would do',
  check({ model, report }) {
    const last = model.stages.at(-1);
    if (!last) return;
    const base = rootBase(model, last);
    if (base.isStage || base.isScratch || base.isDynamic) return;
    const name = officialName(base);
    const large = Object.hasOwn(LARGE, name) ? LARGE[name] : undefined;
    if (!large || large.small.test((base.tag ?? '').toLowerCase())) return;
    report(last.from, `The runtime stage runs on \`${base.resolved}\`, a full ${name} image that every node pulls on each scale-out. Consider ${large.suggestion}.`);
  },
};
