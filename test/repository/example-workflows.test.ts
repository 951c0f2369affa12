import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { repoRoot } from '../harness/run-bundle.js';
import { readActions } from '../harness/action-metadata.js';
import { checkWorkflow, eksKitAction, usesLines } from './workflow-rules.js';

const folder = path.join(repoRoot, 'examples/workflows');
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
const read = (name: string) => readFileSync(path.join(folder, name), 'utf8');
const actions = readActions();

describe('example workflows', () => {
  it('cover the pull request, the schedule, deploy on merge with an environment, and a matrix', () => {
    const workflows = files.map((name) => parse(read(name)) as { on: Record<string, unknown>; jobs: Record<string, Record<string, unknown>> });
    const jobs = workflows.flatMap((workflow) => Object.values(workflow.jobs));
    expect(workflows.some((w) => 'pull_request' in w.on)).toBe(true);
    expect(workflows.some((w) => 'schedule' in w.on && 'workflow_dispatch' in w.on)).toBe(true);
    expect(jobs.some((job) => job.environment !== undefined)).toBe(true);
    expect(jobs.some((job) => JSON.stringify(job.strategy ?? {}).includes('fromJSON(needs.'))).toBe(true);
  });

  it.each(files)('%s keeps the rules: pins, inputs, outputs, permissions', (name) => {
    expect(checkWorkflow(read(name), actions)).toEqual([]);
  });

  it('pin every eks-kit action to one commit and one release, no newer than the kit', () => {
    const pins = new Set(files.flatMap((name) => usesLines(read(name)).filter((line) => eksKitAction(line.split(' ')[0] ?? ''))).map((line) => line.replace(/^[\w.-]+\/eks-kit\/[\w-]+/, '')));
    expect(pins.size).toBe(1);
    const version = /# v(\d+)\.(\d+)\.(\d+)$/.exec([...pins][0] ?? '')?.slice(1).map(Number) ?? [];
    const kit = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version.split('.').map(Number);
    const compare = version.map((part, i) => part - (kit[i] ?? 0)).find((d) => d !== 0) ?? 0;
    expect(compare).toBeLessThanOrEqual(0);
  });
});

describe('the workflow rules catch', () => {
  const base = read('deploy-on-merge.yml');

  function problemsAfter(from: string | RegExp, to: string, text = base): string[] {
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    return checkWorkflow(changed, actions);
  }

  it('a tag instead of a SHA, and a SHA without its version comment', () => {
    expect(problemsAfter(/actions\/checkout@\S+ # v[\d.]+/, 'actions/checkout@v4')).toContain(
      'uses: actions/checkout@v4 is not pinned to a full commit SHA with a "# vX.Y.Z" comment',
    );
    expect(problemsAfter(/ # v[\d.]+\n(\s+with:\n\s+role-to-assume)/, '\n$1').join('\n')).toMatch(/configure-aws-credentials@[0-9a-f]{40} is not pinned/);
  });

  it('an input the action does not have, and a required input left out', () => {
    expect(problemsAfter('on-conflict: skip', 'on-conflicts: skip')).toContain('job image: build-push has no input "on-conflicts"');
    expect(problemsAfter(/ {10}repository: \$\{\{ env\.ECR_REPOSITORY \}\}\n {10}on-conflict/, '          on-conflict')).toContain(
      'job image: build-push needs input "repository"',
    );
  });

  it('an output the step does not have', () => {
    expect(problemsAfter('steps.scan.outputs.digest', 'steps.scan.outputs.image-digest')).toContain('job image: steps.scan has no output "image-digest"');
    expect(problemsAfter('steps.scan.outputs.digest', 'steps.gate.outputs.digest')).toContain('job image: steps.gate is not a step of this job');
  });

  it('a job without permissions, id-token without AWS credentials, and OIDC without id-token', () => {
    expect(problemsAfter(/ {4}permissions:\n {6}contents: read\n {4}steps:/, '    steps:')).toContain('job lint: no explicit permissions block');
    expect(problemsAfter(/(lint:[\s\S]*?permissions:\n {6}contents: read\n)/, '$1      id-token: write\n')).toContain(
      'job lint: id-token: write without aws-actions/configure-aws-credentials (OIDC)',
    );
    expect(problemsAfter(/(deploy:[\s\S]*?)\n {6}id-token: write[^\n]*/, '$1')).toContain(
      'job deploy: configures AWS credentials by OIDC but lacks id-token: write',
    );
  });

  it('write permissions nothing in the job needs, at job or workflow level', () => {
    expect(problemsAfter(/(image:[\s\S]*?permissions:\n {6}contents: read\n)/, '$1      pull-requests: write\n      issues: write\n')).toEqual([
      "job image: issues: write without version-drift's issues",
    ]);
    expect(problemsAfter(/(lint:[\s\S]*?permissions:\n {6}contents: read\n)/, '$1      pull-requests: write\n')).toContain(
      "job lint: pull-requests: write without scan-gate's pull request comment",
    );
    expect(problemsAfter('permissions: {}', 'permissions: write-all')).toContain('workflow-level permissions grant more than nothing; grant per job');
  });
});
