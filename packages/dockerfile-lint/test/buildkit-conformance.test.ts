import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config-file.js';
import { lintText } from '../src/linter.js';
import { BUILDKIT_CHECKS, buildkitDocsUrl } from '../src/rules/buildkit/names.js';
import { allRules } from '../src/rules/index.js';
import type { Finding } from '../src/types.js';

/**
 * BuildKit's build checks, case by case: each check's documented examples (Docker's build-checks
 * pages) restated with Dockerfiles of our own, the bad one reported under the check's name and
 * the good one not; then the `# check=` directive as BuildKit reads it.
 */

function lint(text: string, options: { dockerignore?: string | null; yaml?: string } = {}): Finding[] {
  const config = options.yaml === undefined ? undefined : parseConfig(options.yaml, '.hadolint.yaml');
  return lintText('Dockerfile', text.endsWith('\n') ? text : `${text}\n`, { dockerignore: options.dockerignore, config });
}

/** Findings answering to a BuildKit check, as `Name@line` (the name is the code, or shown beside a DL code). */
function checks(text: string, options?: Parameters<typeof lint>[1]): string[] {
  return lint(text, options)
    .map((f) => ({ name: f.buildkit ?? f.code, line: f.range.startLine }))
    .filter(({ name }) => (BUILDKIT_CHECKS as readonly string[]).includes(name))
    .map(({ name, line }) => `${name}@${line}`);
}

const named = (name: string, text: string, options?: Parameters<typeof lint>[1]): number[] =>
  checks(text, options)
    .filter((c) => c.startsWith(`${name}@`))
    .map((c) => Number(c.split('@')[1]));

interface Example {
  check: string;
  bad: string;
  /** Lines the bad example is reported at. */
  at: number[];
  good: string[];
  dockerignore?: string;
}

const EXAMPLES: Example[] = [
  { check: 'StageNameCasing', bad: 'FROM node:22 AS WebBuild', at: [1], good: ['FROM node:22 AS web-build', 'FROM node:22'] },
  { check: 'FromAsCasing', bad: 'FROM golang:1.23 as compile', at: [1], good: ['FROM golang:1.23 AS compile', 'from golang:1.23 as compile'] },
  {
    check: 'NoEmptyContinuation',
    bad: 'FROM debian:12\nRUN echo one \\\n\n    && echo two',
    at: [3],
    good: ['FROM debian:12\nRUN echo one \\\n# a comment is not an empty line\n    && echo two', 'FROM debian:12\nRUN <<EOF\necho one\n\necho two\nEOF'],
  },
  {
    check: 'ConsistentInstructionCasing',
    bad: 'From debian:12\nRun echo hi > /hi\nEntryPoint ["cat", "/hi"]',
    at: [1, 2, 3],
    good: ['FROM debian:12\nRUN echo hi > /hi\nENTRYPOINT ["cat", "/hi"]', 'from debian:12\nrun echo hi > /hi\nentrypoint ["cat", "/hi"]'],
  },
  {
    check: 'DuplicateStageName',
    bad: 'FROM debian:12 AS tools\nRUN echo a\nFROM rust:1.80 AS tools',
    at: [3],
    good: ['FROM debian:12 AS os-tools\nRUN echo a\nFROM rust:1.80 AS rust-tools'],
  },
  { check: 'ReservedStageName', bad: 'FROM debian:12 AS context\nFROM debian:12 AS scratch', at: [1, 2], good: ['FROM debian:12 AS toolbox'] },
  {
    check: 'JSONArgsRecommended',
    bad: 'FROM python:3.12\nENTRYPOINT python -m app serve',
    at: [2],
    good: [
      'FROM python:3.12\nENTRYPOINT ["python", "-m", "app", "serve"]',
      // A SHELL instruction says the shell form is meant.
      'FROM python:3.12\nSHELL ["/bin/bash", "-c"]\nCMD echo "started" && exec python -m app',
      // HEALTHCHECK is not one of the instructions BuildKit looks at.
      'FROM python:3.12\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nCMD ["python", "app.py"]',
    ],
  },
  { check: 'MaintainerDeprecated', bad: 'FROM debian:12\nMAINTAINER ops@example.org', at: [2], good: ['FROM debian:12\nLABEL org.opencontainers.image.authors="ops@example.org"'] },
  {
    check: 'UndefinedArgInFrom',
    bad: 'FROM python:3.12${FLAVOUR} AS app',
    at: [1],
    good: ['ARG FLAVOUR="-slim"\nFROM python:3.12${FLAVOUR} AS app', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build'],
  },
  {
    check: 'WorkdirRelativePath',
    bad: 'FROM httpd:2.4 AS site\nWORKDIR usr/local/apache2/htdocs\nCOPY public .',
    at: [2],
    good: ['FROM httpd:2.4 AS site\nWORKDIR /usr/local/apache2/htdocs\nCOPY public .', 'FROM debian:12\nWORKDIR /srv\nWORKDIR app'],
  },
  {
    check: 'UndefinedVar',
    bad: 'FROM debian:12 AS base\nCOPY $bundle /opt/',
    at: [2],
    good: ['FROM debian:12 AS base\nARG bundle\nCOPY $bundle /opt/', 'FROM python:3.12 AS base\nARG RELEASE=$PYTHON_VERSION', 'FROM debian:12\nRUN echo "$anything goes to the shell"'],
  },
  { check: 'UndefinedVar', bad: 'FROM debian:12 AS base\nARG RELEASE=$release_tag', at: [2], good: ['FROM debian:12 AS base\nARG release_tag=1\nARG RELEASE=$release_tag'] },
  { check: 'UndefinedVar', bad: 'FROM debian:12\nENV PATH=$PTAH:/opt/bin', at: [2], good: ['FROM debian:12\nENV PATH=$PATH:/opt/bin'] },
  {
    check: 'MultipleInstructionsDisallowed',
    bad: 'FROM debian:12\nCMD ["echo", "first"]\nCMD ["echo", "second"]',
    at: [3],
    good: ['FROM debian:12\nCMD ["echo", "only"]', 'FROM nginx:1.27\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\nCMD ["nginx", "-g", "daemon off;"]'],
  },
  {
    check: 'LegacyKeyValueFormat',
    bad: 'FROM debian:12\nENV RELEASE 1.4.2',
    at: [2],
    good: ['FROM debian:12\nENV RELEASE=1.4.2', 'FROM debian:12\nENV TOOLS="\\\n    curl \\\n    jq"', 'FROM debian:12\nARG first second'],
  },
  { check: 'LegacyKeyValueFormat', bad: 'FROM debian:12\nLABEL team platform', at: [2], good: ['FROM debian:12\nLABEL team=platform'] },
  { check: 'RedundantTargetPlatform', bad: 'FROM --platform=$TARGETPLATFORM debian:12 AS base', at: [1], good: ['FROM debian:12 AS base', 'FROM --platform=$BUILDPLATFORM debian:12 AS base'] },
  {
    check: 'SecretsUsedInArgOrEnv',
    bad: 'FROM amazon/aws-cli:2.17.0\nARG AWS_ACCESS_KEY_ID\nARG AWS_SECRET_ACCESS_KEY\nRUN aws s3 cp s3://bucket/file .',
    at: [2, 3],
    good: [
      'FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws_key,env=AWS_SECRET_ACCESS_KEY aws s3 cp s3://bucket/file .',
      'FROM debian:12\nENV PUBLIC_KEY=abc SECRET_FILE=/run/secrets/db TOKEN_VERSION=2',
    ],
  },
  { check: 'InvalidDefaultArgInFrom', bad: 'ARG RELEASE\nFROM debian:${RELEASE}', at: [2], good: ['ARG RELEASE=12\nFROM debian:${RELEASE}', 'ARG SUFFIX\nFROM debian:12${SUFFIX}', 'ARG RELEASE\nFROM debian:${RELEASE:-12}'] },
  {
    check: 'FromPlatformFlagConstDisallowed',
    bad: 'FROM --platform=linux/arm64 debian:12 AS base\nRUN echo hi',
    at: [1],
    good: [
      'FROM debian:12 AS base',
      'FROM --platform=${BUILDPLATFORM} debian:12 AS base',
      'FROM --platform=linux/amd64 debian:12 AS tools_amd64\nFROM --platform=linux/arm64 debian:12 AS tools_arm64\nFROM tools_${TARGETARCH} AS tools',
    ],
  },
  {
    check: 'CopyIgnoredFile',
    bad: 'FROM scratch\nCOPY build/tmp/report.txt /report.txt',
    at: [2],
    good: ['FROM scratch\nCOPY build/out/report.txt /report.txt', 'FROM scratch\nCOPY . /'],
    dockerignore: '*/tmp/*\n',
  },
  { check: 'ExposeProtoCasing', bad: 'FROM debian:12\nEXPOSE 53/UDP', at: [2], good: ['FROM debian:12\nEXPOSE 53/udp'] },
  { check: 'ExposeInvalidFormat', bad: 'FROM debian:12\nEXPOSE 0.0.0.0:8080:8080', at: [2], good: ['FROM debian:12\nEXPOSE 8080'] },
  { check: 'ExposeInvalidFormat', bad: 'FROM debian:12\nEXPOSE 8080:8080', at: [2], good: ['FROM debian:12\nEXPOSE 8080/tcp'] },
  {
    check: 'InvalidBaseImagePlatform',
    bad: 'FROM --platform=linux/amd64 arm64v8/debian:12 AS base',
    at: [1],
    good: ['FROM --platform=linux/arm64 arm64v8/debian:12 AS base_arm64', 'FROM --platform=linux/amd64 debian:12 AS base_amd64', 'FROM arm64v8/debian:12'],
  },
  {
    check: 'InvalidDefinitionDescription',
    bad: '# check=experimental=InvalidDefinitionDescription\n# builds the binaries\nFROM golang:1.23 AS compile\n# the release to build\nARG RELEASE=1',
    at: [3, 5],
    good: [
      '# check=experimental=all\n# builds the binaries\n\nFROM golang:1.23 AS compile\n# the release to build\n\nARG RELEASE=1',
      '# check=experimental=all\n# compile builds the binaries\nFROM golang:1.23 AS compile\n# RELEASE is the release to build\nARG RELEASE=1',
      // Experimental: without the directive it does not run at all.
      '# builds the binaries\nFROM golang:1.23 AS compile',
    ],
  },
];

describe("BuildKit's build checks: documented examples", () => {
  it('covers every check BuildKit documents', () => {
    expect(new Set(EXAMPLES.map((e) => e.check))).toEqual(new Set(BUILDKIT_CHECKS));
  });

  it.each(EXAMPLES.map((e) => [e.check, e] as const))('%s: the bad example is reported at its lines', (name, example) => {
    expect(named(name, example.bad, { dockerignore: example.dockerignore })).toEqual(example.at);
  });

  it.each(EXAMPLES.flatMap((e) => e.good.map((good) => [e.check, good, e.dockerignore] as const)))('%s: good example %j is not reported', (name, good, dockerignore) => {
    expect(named(name, good, { dockerignore })).toEqual([]);
  });

  it('every check answers to exactly one rule, whose help links to Docker or to the DL rule', () => {
    for (const name of BUILDKIT_CHECKS) {
      const rules = allRules.filter((rule) => rule.buildkit === name);
      expect(rules.length).toBeGreaterThan(0);
      expect(rules.filter((rule) => rule.code === name).length + rules.filter((rule) => rule.code !== name).length).toBe(rules.length);
    }
    expect(buildkitDocsUrl('JSONArgsRecommended')).toBe('https://docs.docker.com/reference/build-checks/json-args-recommended/');
    expect(buildkitDocsUrl('FromPlatformFlagConstDisallowed')).toBe('https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/');
  });
});

describe('one problem, one finding', () => {
  it('a DL rule with the same meaning carries the BuildKit name', () => {
    const [finding] = lint('FROM debian:12\nMAINTAINER ops@example.org').filter((f) => f.range.startLine === 2);
    expect(finding?.code).toBe('DL4000');
    expect(finding?.buildkit).toBe('MaintainerDeprecated');
    expect(finding?.message).toContain('MaintainerDeprecated');
  });
  it('a close BuildKit check joins the DL finding at the same instruction instead of adding one', () => {
    const found = lint('FROM debian:12\nCMD node server.js').filter((f) => f.range.startLine === 2);
    expect(found.map((f) => [f.code, f.buildkit])).toEqual([['DL3025', 'JSONArgsRecommended']]);
  });
  it('where only one of the two applies, it stands alone under its own name', () => {
    // DL3025 looks at HEALTHCHECK, BuildKit does not; BuildKit accepts CMD after SHELL, DL3025 does not.
    const healthcheck = lint('FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/').filter((f) => f.range.startLine === 2);
    expect(healthcheck.map((f) => [f.code, f.buildkit])).toEqual([['DL3025', undefined]]);
    // A constant platform in a stage named after it is fine for BuildKit, not for DL3029.
    const named = lint('FROM --platform=linux/arm64 debian:12 AS base_arm64').filter((f) => f.code === 'DL3029' || f.code === 'FromPlatformFlagConstDisallowed');
    expect(named.map((f) => [f.code, f.buildkit])).toEqual([['DL3029', undefined]]);
    const undefinedOnly = lint('FROM debian:12 AS base\nWORKDIR $APP_HOME').map((f) => f.code);
    expect(undefinedOnly).not.toContain('WorkdirRelativePath');
  });
});

describe('# check= as BuildKit reads it', () => {
  const mixed = 'FROM scratch as base\ncopy app /app';

  it('without a directive, the casing checks fire (a tie goes to upper case)', () => {
    expect(checks(mixed)).toEqual(['FromAsCasing@1', 'ConsistentInstructionCasing@2']);
  });
  it('skip=all silences every check', () => {
    expect(checks(`# check=skip=all\n${mixed}`)).toEqual([]);
    expect(checks(`#check=skip=all;error=true\n${mixed}`)).toEqual([]);
  });
  it('skip=<names> silences those only, in any order with error=', () => {
    expect(checks(`# check=skip=ConsistentInstructionCasing\n${mixed}`)).toEqual(['FromAsCasing@2']);
    expect(checks(`# check=error=true;skip=ConsistentInstructionCasing,FromAsCasing\n${mixed}`)).toEqual([]);
  });
  it('error=true makes check findings errors, and only them', () => {
    const found = lint(`# check=skip=ConsistentInstructionCasing;error=true\n${mixed}\nRUN apt-get install curl`);
    expect(found.find((f) => f.code === 'FromAsCasing')?.severity).toBe('error');
    expect(found.find((f) => f.code === 'DL3008')?.severity).toBe('warning');
    expect(lint(`# check=error=false\n${mixed}`).find((f) => f.code === 'FromAsCasing')?.severity).toBe('style');
  });
  it('skipping a BuildKit name silences the DL finding that carries it', () => {
    expect(lint('# check=skip=MaintainerDeprecated\nFROM debian:12\nMAINTAINER ops@example.org').map((f) => f.code)).not.toContain('DL4000');
    // A joined check skipped leaves the DL rule's own finding, under its own name only.
    const joined = lint('# check=skip=JSONArgsRecommended\nFROM debian:12\nCMD node server.js').filter((f) => f.code === 'DL3025');
    expect(joined.map((f) => f.buildkit)).toEqual([undefined]);
  });
  it('counts only as a parser directive: at the very top, before any other comment or instruction', () => {
    expect(checks(`# syntax=docker/dockerfile:1\n# check=skip=all\n${mixed}`)).toEqual([]);
    expect(checks(`#!/usr/bin/env dockerfile\n# check=skip=all\n${mixed}`)).toEqual([]);
    // After an ordinary comment or a blank line it is a comment, and counts for the next instruction only.
    expect(checks(`# build the app\n# check=skip=all\n${mixed}`)).toEqual(['ConsistentInstructionCasing@4']);
    expect(checks(`\n# check=skip=all\n${mixed}`)).toEqual(['ConsistentInstructionCasing@4']);
    // Indented, it is not a directive either.
    expect(checks(`  # check=skip=all\n${mixed}`)).toEqual(['ConsistentInstructionCasing@3']);
  });
  it('reads the value up to its first space, and the name in any case', () => {
    expect(checks(`# CHECK = skip=all  because we lint elsewhere\n${mixed}`)).toEqual([]);
  });
  it('a # check= comment above an instruction skips checks there only', () => {
    const text = 'FROM debian:12\n# check=skip=SecretsUsedInArgOrEnv // a build-time switch, not a secret\nENV AUTH=off\nENV TOKEN=abc';
    expect(named('SecretsUsedInArgOrEnv', text)).toEqual([4]);
    expect(named('LegacyKeyValueFormat', 'FROM debian:12\n# check=skip=all\nENV A 1\nENV B 2')).toEqual([4]);
    // An empty `#` line ends the comments that belong to the instruction.
    expect(named('LegacyKeyValueFormat', 'FROM debian:12\n# check=skip=all\n#\nENV A 1')).toEqual([4]);
  });
  it('experimental checks run only when named; skip does not touch them', () => {
    const text = '# builds it\nFROM golang:1.23 AS compile';
    expect(named('InvalidDefinitionDescription', `# check=skip=all;experimental=InvalidDefinitionDescription\n${text}`)).toEqual([3]);
    expect(named('InvalidDefinitionDescription', `# check=experimental=all\n${text}`)).toEqual([3]);
    expect(named('InvalidDefinitionDescription', text)).toEqual([]);
    // ARGs before the first FROM count; a stage name is compared in lower case, as BuildKit keeps it.
    expect(named('InvalidDefinitionDescription', '# check=experimental=all\n# the release\nARG RELEASE=1\n# Compile builds it\nFROM golang:1.23 AS Compile')).toEqual([3, 5]);
  });
  it('a directive BuildKit refuses is an error finding (the build would stop), with the reason', () => {
    for (const bad of ['# check=skip', '# check=error=maybe', '# check=ignore=all']) {
      const found = lint(`${bad}\nFROM debian:12`).filter((f) => f.code === 'EK0006');
      expect(found).toHaveLength(1);
      expect(found[0]?.range.startLine).toBe(1);
    }
    expect(lint('# check=skip=all\n# check=error=true\nFROM debian:12').filter((f) => f.code === 'EK0006').map((f) => f.range.startLine)).toEqual([2]);
    expect(lint('# check=skip=NoSuchCheck\nFROM debian:12').filter((f) => f.code === 'EK0006')).toEqual([]);
  });
  it('pragmas and .hadolint.yaml take BuildKit names too', () => {
    expect(named('StageNameCasing', 'FROM debian:12 AS Base', { yaml: 'ignored: [stagenamecasing]' })).toEqual([]);
    expect(named('StageNameCasing', '# hadolint ignore=StageNameCasing\nFROM debian:12 AS Base')).toEqual([]);
    expect(lint('FROM debian:12\nMAINTAINER ops@example.org', { yaml: 'ignored: [MaintainerDeprecated]' }).map((f) => f.code)).not.toContain('DL4000');
    expect(lint('FROM debian:12 AS Base', { yaml: 'override:\n  error: [StageNameCasing]' }).find((f) => f.code === 'StageNameCasing')?.severity).toBe('error');
    expect(() => parseConfig('ignored: [StageNameCase]', '.hadolint.yaml')).toThrow(/not a rule code/);
  });
});
