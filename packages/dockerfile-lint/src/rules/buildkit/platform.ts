import type { Instruction } from '../../model/dockerfile.js';
import { flagValue } from '../../model/copy-paths.js';
import { splitImage } from '../../model/build-model.js';
import { instructionRule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows']);
// containerd's normalisation of architecture names, the part the check depends on.
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', i386: '386', aarch64: 'arm64', armhf: 'arm', armel: 'arm' };
const KNOWN_ARCH = new Set(['386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mips64', 'mips64le', 'mipsle', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm']);

interface Platform {
  os: string;
  arch: string;
}

/** `linux/amd64`, `linux/arm64/v8`, `windows/amd64`, `arm64` (an architecture alone means linux): undefined when it is none of these. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.toLowerCase().split('/');
  const arch = (name: string | undefined): string => ARCH_ALIASES[name ?? ''] ?? name ?? '';
  if (parts.length === 1) {
    if (KNOWN_OS.has(parts[0]!)) return { os: parts[0]!, arch: 'amd64' };
    return KNOWN_ARCH.has(arch(parts[0])) ? { os: 'linux', arch: arch(parts[0]) } : undefined;
  }
  if (parts.length > 3 || !KNOWN_OS.has(parts[0]!) || !KNOWN_ARCH.has(arch(parts[1]))) return undefined;
  return { os: parts[0]!, arch: arch(parts[1]) };
}

/** A `--platform` with no variable in it: fixed whatever the build is for. */
function constantPlatform(instruction: Instruction): { text: string; platform: Platform } | undefined {
  const text = instruction.keyword === 'FROM' ? flagValue(instruction, 'platform') : undefined;
  if (text === undefined || text.includes('$')) return undefined;
  const platform = parsePlatform(text);
  return platform && { text, platform };
}

/**
 * `FROM --platform=linux/amd64` makes every build of the stage that platform. Allowed when the
 * stage's name says so (its name contains the OS or architecture, as in `build_amd64`), the
 * pattern for per-platform stages picked with `FROM build_${TARGETARCH}`. Where DL3029 fires
 * too, the two are one finding.
 */
export const fromPlatformFlagConstDisallowed = instructionRule(
  buildkitMeta('FromPlatformFlagConstDisallowed', 'warning', 'correctness', 'FROM --platform should not be a constant', { joins: 'DL3029' }),
  (instruction) => {
    const constant = constantPlatform(instruction);
    if (!constant) return;
    const name = instruction.stage?.alias ?? '';
    if (name.includes(constant.platform.os) || name.includes(constant.platform.arch)) return;
    return `FROM --platform should not be the constant \`${constant.text}\`: leave it out, use $BUILDPLATFORM, or name the stage after the platform`;
  },
);

// Docker Hub's per-architecture namespaces of the official images: each holds one platform only.
const ARCH_NAMESPACES: Record<string, Platform> = {
  amd64: { os: 'linux', arch: 'amd64' },
  arm64v8: { os: 'linux', arch: 'arm64' },
  arm32v5: { os: 'linux', arch: 'arm' },
  arm32v6: { os: 'linux', arch: 'arm' },
  arm32v7: { os: 'linux', arch: 'arm' },
  i386: { os: 'linux', arch: '386' },
  mips64le: { os: 'linux', arch: 'mips64le' },
  ppc64le: { os: 'linux', arch: 'ppc64le' },
  riscv64: { os: 'linux', arch: 'riscv64' },
  s390x: { os: 'linux', arch: 's390x' },
  'windows-amd64': { os: 'windows', arch: 'amd64' },
};

/**
 * BuildKit compares the platform of the image it pulled with the one asked for. Without pulling,
 * that is known only when both are written down: a constant `--platform` and an image from one
 * of Docker Hub's per-architecture namespaces (`arm64v8/alpine`).
 */
export const invalidBaseImagePlatform = instructionRule(
  buildkitMeta('InvalidBaseImagePlatform', 'warning', 'correctness', 'The base image is published for another platform than FROM --platform asks for'),
  (instruction) => {
    const constant = constantPlatform(instruction);
    const stage = instruction.stage;
    if (!constant || !stage || stage.from !== instruction || stage.base.isStage || stage.base.isDynamic) return;
    const { registry, name } = splitImage(stage.base.resolved);
    if (registry !== undefined && registry !== 'docker.io' && registry !== 'index.docker.io') return;
    const namespace = name.split('/')[0] ?? '';
    const published = name.includes('/') ? ARCH_NAMESPACES[namespace] : undefined;
    if (!published || (published.os === constant.platform.os && published.arch === constant.platform.arch)) return;
    return `Base image \`${stage.base.raw}\` is published for ${published.os}/${published.arch} only (the \`${namespace}/\` namespace), but FROM asks for \`${constant.text}\``;
  },
);
