import { describe, expect, it } from '@jest/globals';
import { actionSource, commandLineSource, defineTable, parseArgsOptions, renderHelp, TableReader } from '../src/index.js';
import { ALL_TABLES } from '../src/all.js';
import { BUILD_PUSH_TABLE, readBuildPushSettings } from '../src/build-push.js';
import { DEPLOY_TABLE, readDeploySettings } from '../src/deploy.js';
import { LINT_TABLE, readLintSettings } from '../src/lint.js';
import { readScanGateSettings, SCAN_GATE_TABLE } from '../src/scan-gate.js';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '../src/version-drift.js';
import { inputEnv } from './env.js';

const TABLE = defineTable({
  action: 'demo',
  cli: { command: 'demo', usage: '[options] <item>', intro: 'Intro.', outro: 'Outro.' },
  inputs: [
    { name: 'item', kind: 'string', description: 'The item.', default: '', cli: { positional: '<item>', help: 'the item' } },
    { name: 'count', kind: 'integer', min: 1, max: 9, description: 'How many.', default: '3', cli: { short: 'n', value: '<n>', help: 'how many' } },
    { name: 'mode', kind: 'choice', choices: ['fast', 'slow'], noun: 'mode', description: 'Speed.', default: 'fast', cli: { value: '<mode>', default: 'slow', help: 'speed' } },
    { name: 'verify', kind: 'boolean', description: 'Verify.', default: 'true', cli: { flag: 'no-verify', switch: 'off', help: 'skip verification' } },
    { name: 'tags', kind: 'list', description: 'Tags.', default: '', cli: { flag: 'tag', repeatable: true, value: '<tag>', help: 'a tag' } },
    { name: 'wait', kind: 'integer', unit: 'seconds', min: 1, max: 60, description: 'Seconds to wait.', default: '5', cli: { value: '<s>', help: 'seconds to wait' } },
    { name: 'comment', kind: 'boolean', description: 'Comment.', default: 'true', cliValue: 'false' },
  ],
  outputs: [],
});

const cli = (argv: string[]) => new TableReader(TABLE, commandLineSource(TABLE, argv).source);
const action = (inputs: Record<string, string>) => new TableReader(TABLE, actionSource(inputEnv(inputs)));

describe('TableReader', () => {
  it('takes each surface its default from the table', () => {
    expect([action({}).integer('count'), action({}).choice('mode'), action({}).boolean('verify'), action({}).boolean('comment')]).toEqual([3, 'fast', true, true]);
    expect([cli([]).integer('count'), cli([]).choice('mode'), cli([]).boolean('verify'), cli([]).boolean('comment')]).toEqual([3, 'slow', true, false]);
  });

  it('reads switches, repeated flags, short flags and the positional', () => {
    const read = cli(['thing', '-n', '5', '--no-verify', '--tag', 'a,b', '--tag', 'c']);
    expect([read.text('item'), read.integer('count'), read.boolean('verify'), read.list('tags')]).toEqual(['thing', 5, false, ['a', 'b', 'c']]);
    expect(action({ tags: 'a\n# note\nb, c', verify: 'no' }).list('tags')).toEqual(['a', 'b', 'c']);
  });

  it('names the input in a workflow and the flag on the command line', () => {
    expect(() => action({ count: 'x' }).integer('count')).toThrow('count: "x" is not a whole number');
    expect(() => cli(['--count', 'x']).integer('count')).toThrow('--count: "x" is not a whole number');
    expect(() => cli(['--count', '10']).integer('count')).toThrow('--count: 10 is above the maximum of 9');
    expect(() => action({ wait: '10x' }).integer('wait')).toThrow('wait: "10x" is not a whole number of seconds');
    expect(() => action({ wait: '0' }).integer('wait')).toThrow('wait: 0 is below the minimum of 1 second');
    expect(() => cli(['--wait', '61']).integer('wait')).toThrow('--wait: 61 is above the maximum of 60 seconds');
    expect(() => cli(['--mode', 'warp']).choice('mode')).toThrow('--mode: "warp" is not a mode; expected one of fast, slow');
    expect(() => action({ verify: 'maybe' }).boolean('verify')).toThrow('verify: "maybe" is not a boolean');
    expect(() => cli(['one', 'two'])).toThrow('<item>: one at a time; got 2');
    expect(cli([]).mention('count')).toBe('--count');
    expect(action({}).mention('count')).toBe('the count input');
  });

  it('refuses an unknown flag by name with the nearest real one, and an unknown name as a bug', () => {
    expect(() => cli(['--colour'])).toThrow('--colour: not an option of eks-kit demo; "eks-kit demo --help" lists them');
    expect(() => cli(['--cont', '4'])).toThrow('--cont: not an option of eks-kit demo; did you mean --count? "eks-kit demo --help" lists them');
    expect(() => cli(['--verify'])).toThrow('--verify: not an option of eks-kit demo; did you mean --no-verify?');
    expect(() => cli(['thing', '--mode=fast', '--tags=a'])).toThrow('--tags: not an option of eks-kit demo; did you mean --tag?');
    expect(() => cli(['--item', 'thing'])).toThrow('--item: not an option of eks-kit demo; the item is given as an argument: eks-kit demo [options] <item>');
    expect(() => cli(['-x'])).toThrow('-x: not an option of eks-kit demo; "eks-kit demo --help"');
    expect(() => cli(['--count'])).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' }));
    expect(() => cli([]).text('nope' as 'item')).toThrow('demo: no input "nope" in the table');
  });
});

describe('renderHelp', () => {
  it('shows every flag with its value, its default and the usage', () => {
    const help = renderHelp(TABLE);
    expect(help).toMatch(/^Usage: eks-kit demo \[options\] <item>\n\nIntro\.\n/);
    expect(help).toContain('-n, --count <n>');
    expect(help).toMatch(/--mode <mode> +speed \(default: slow\)/);
    expect(help).toMatch(/--no-verify +skip verification\n/);
    expect(help).toMatch(/--tag <tag> +a tag \(repeatable\)/);
    expect(help).not.toContain('comment');
    expect(help).toMatch(/Outro\.\n$/);
  });

  it.each(ALL_TABLES.map((table) => [table.action, table] as const))('%s: every flag in --help is one the parser accepts', (_name, table) => {
    const shown = [...renderHelp(table).matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g)].map((match) => match[1] ?? '');
    const accepted = Object.keys(parseArgsOptions(table));
    expect(shown.filter((flag) => !accepted.includes(flag))).toEqual([]);
    expect(accepted.filter((flag) => !shown.includes(flag))).toEqual([]);
  });

  it.each(ALL_TABLES.map((table) => [table.action, table] as const))('%s: every description starts in one column, however long the longest flag', (_name, table) => {
    const rows = renderHelp(table).split('\n').filter((line) => /^ {2}(-\w, | {4})--/.test(line));
    // Where the description starts: after the flag and the run of spaces that follows it.
    const starts = new Set(rows.map((line) => line.length - line.replace(/^\s+\S.*?\S {2,}/, '').length));
    expect(rows.length).toBeGreaterThan(2);
    expect([...starts]).toHaveLength(1);
  });
});

describe('the action tables', () => {
  const env = { AWS_REGION: 'eu-west-1' };

  it('lint: the CLI defaults to text and names flags; the action defaults to github', () => {
    expect(readLintSettings(new TableReader(LINT_TABLE, actionSource(inputEnv({})))).format).toBe('github');
    const settings = readLintSettings(new TableReader(LINT_TABLE, commandLineSource(LINT_TABLE, ['-t', 'warning', 'a/Dockerfile', 'b']).source));
    expect(settings).toMatchObject({ format: 'text', dockerfiles: ['a/Dockerfile', 'b'], failureThreshold: 'warning', names: { patterns: 'dockerfiles', config: '--config' } });
    expect(() => readLintSettings(new TableReader(LINT_TABLE, commandLineSource(LINT_TABLE, ['-t', 'fatal']).source))).toThrow('--failure-threshold: "fatal" is not a threshold');
  });

  it('build-push: library errors get the flag the user typed, --tag and not --tags', () => {
    const read = new TableReader(BUILD_PUSH_TABLE, commandLineSource(BUILD_PUSH_TABLE, ['--repository', 'web', '-t', 'x', '--mutable', '--keep-login', 'ctx']).source);
    const settings = readBuildPushSettings(read);
    expect(settings.names).toMatchObject({ tags: '--tag', labels: '--label', buildArgs: '--build-arg', platforms: '--platform', context: '[context]' });
    expect(settings.raw).toMatchObject({ repository: 'web', tags: ['x'], immutableTags: false, scanOnPush: true, mutableTags: ['buildcache'], context: 'ctx' });
    expect(settings.logout).toBe(false);
    expect(() => readBuildPushSettings(new TableReader(BUILD_PUSH_TABLE, commandLineSource(BUILD_PUSH_TABLE, []).source))).toThrow('--repository: is required');
    expect(readBuildPushSettings(new TableReader(BUILD_PUSH_TABLE, actionSource(inputEnv({ repository: 'web' })))).names.tags).toBe('tags');
  });

  it('scan-gate: one image, limits from the table, no PR comment from a terminal', () => {
    const settings = readScanGateSettings(new TableReader(SCAN_GATE_TABLE, commandLineSource(SCAN_GATE_TABLE, ['web:1', '--no-start-scan', '--sarif', 'out.sarif']).source), '/tmp', env);
    expect(settings).toMatchObject({ region: 'eu-west-1', startScan: false, sarifFile: 'out.sarif', prComment: false, timeoutMs: 600_000, pollMaxMs: 10_000, dockerfile: 'Dockerfile' });
    expect(() => readScanGateSettings(new TableReader(SCAN_GATE_TABLE, commandLineSource(SCAN_GATE_TABLE, ['web:1', '--poll-interval', '301']).source), '/tmp', env)).toThrow('--poll-interval: 301 is above the maximum of 300');
    expect(() => readScanGateSettings(new TableReader(SCAN_GATE_TABLE, actionSource(inputEnv({ image: 'web:1' }))), '/tmp', {})).toThrow('region: no AWS region: give a full ECR image URI, the region input, or set AWS_REGION');
    // The same region rule as build-push, before any AWS call: useast1 is not a region.
    expect(() => readScanGateSettings(new TableReader(SCAN_GATE_TABLE, actionSource(inputEnv({ image: 'web:1', region: 'useast1' }))), '/tmp', {})).toThrow('region: "useast1" is not an AWS region (like us-east-1 or eu-central-1)');
    expect(() => readScanGateSettings(new TableReader(SCAN_GATE_TABLE, actionSource(inputEnv({ image: 'web:1' }))), '/tmp', { AWS_REGION: 'useast1' })).toThrow('AWS_REGION: "useast1" is not an AWS region');
    expect(() => readScanGateSettings(new TableReader(SCAN_GATE_TABLE, actionSource(inputEnv({ image: 'web:1' }))), '/tmp', { AWS_DEFAULT_REGION: 'useast1' })).toThrow('AWS_DEFAULT_REGION: "useast1" is not an AWS region');
    // The URI's region wins over the input and the environment.
    const uri = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/web:1';
    expect(readScanGateSettings(new TableReader(SCAN_GATE_TABLE, actionSource(inputEnv({ image: uri, region: 'us-east-1' }))), '/tmp', { AWS_REGION: 'us-west-2' }).region).toBe('eu-central-1');
  });

  it('deploy: the region from the input, else AWS_REGION, else AWS_DEFAULT_REGION, each named when malformed', () => {
    const read = (inputs: Record<string, string>, environment: NodeJS.ProcessEnv) => readDeploySettings(new TableReader(DEPLOY_TABLE, actionSource(inputEnv({ 'cluster-name': 'prod', manifests: 'k8s/', ...inputs }))), environment);
    expect(read({}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' }).region).toBe('eu-west-1');
    expect(read({}, { AWS_DEFAULT_REGION: 'us-east-1' }).region).toBe('us-east-1');
    expect(() => read({}, { AWS_DEFAULT_REGION: 'useast1' })).toThrow('AWS_DEFAULT_REGION: "useast1" is not an AWS region');
    expect(() => read({ region: 'useast1' }, { AWS_REGION: 'us-east-1' })).toThrow('region: "useast1" is not an AWS region');
    expect(() => read({}, {})).toThrow('region: no AWS region: give the region input or set AWS_REGION');
  });

  it('version-drift: the CLI manages no issues; the action needs a token for them', () => {
    const cliSettings = readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, commandLineSource(VERSION_DRIFT_TABLE, ['-r', 'us-east-1', '-r', 'eu-west-1,eu-central-1', 'prod']).source), env);
    expect(cliSettings).toMatchObject({ createIssues: false, regions: ['us-east-1', 'eu-west-1', 'eu-central-1'], clusters: ['prod'] });
    expect(cliSettings.reportFile).toBeUndefined();
    expect(() => readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, actionSource(inputEnv({}))), env)).toThrow('github-token: is needed to manage issues (or set create-issues: false)');
    expect(() => readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, commandLineSource(VERSION_DRIFT_TABLE, ['--fail-days', '100']).source), env)).toThrow('--fail-days: 100 is more than --warn-days (90)');
    const action = readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, actionSource(inputEnv({ 'github-token': 't', 'report-file': 'r.json' }))), env);
    expect(action).toMatchObject({ createIssues: true, reportFile: 'r.json', githubToken: 't' });
  });
});
