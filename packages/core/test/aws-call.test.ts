import { describe, expect, it } from '@jest/globals';
import { allOrAbort, callAws, withAwsRetries, type AwsCaller } from '../src/aws-call.js';
import { ApiError } from '../src/errors.js';
import { MemoryLogger } from '../src/logger.js';
import { awsError, FakeClock } from '../src/testing.js';

function caller(overrides: Partial<AwsCaller> = {}): AwsCaller & { logger: MemoryLogger; clock: FakeClock } {
  return { service: 'ECR', clock: new FakeClock(), logger: new MemoryLogger(), stats: { calls: 0, retries: 0 }, ...overrides } as AwsCaller & { logger: MemoryLogger; clock: FakeClock };
}

/** Answers from a script, one entry per call; an Error entry is thrown. */
function scripted(...answers: (unknown | Error)[]) {
  let index = 0;
  return async () => {
    const answer = answers[Math.min(index++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
}

describe('callAws: the one retry policy', () => {
  it('retries throttling, a 5xx and a timed-out request, saying so, then answers', async () => {
    const c = caller();
    const answer = await callAws(c, 'DescribeRepositories', scripted(awsError('ThrottlingException'), awsError('ServerException', 500), awsError('TimeoutError'), 'ok'));
    expect(answer).toBe('ok');
    expect(c.stats).toEqual({ calls: 4, retries: 3 });
    expect(c.logger.lines.map((l) => l.message.replace(/\d+ ms/, 'N ms'))).toEqual([
      'ECR DescribeRepositories answered ThrottlingException; retrying in N ms (attempt 2 of 5)',
      'ECR DescribeRepositories answered ServerException; retrying in N ms (attempt 3 of 5)',
      'ECR DescribeRepositories answered TimeoutError; retrying in N ms (attempt 4 of 5)',
    ]);
  });

  it.each([
    ['a missing repository', awsError('RepositoryNotFoundException')],
    ['AccessDenied', awsError('AccessDeniedException')],
    ['an expired token', awsError('ExpiredTokenException', 403)],
    ['a DNS failure', Object.assign(new Error('getaddrinfo ENOTFOUND api.ecr.eu-west-9.amazonaws.com'), { code: 'ENOTFOUND' })],
  ])('%s is final at once: one call, no retry line', async (_name, error) => {
    const c = caller();
    const failure = await callAws(c, 'GetAuthorizationToken', scripted(error, 'never')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(c.stats.calls).toBe(1);
    expect(c.logger.lines).toEqual([]);
    expect(c.clock.sleeps).toEqual([]);
  });

  it('names the IAM action a denial needs, once, whatever the service', async () => {
    const eks = caller({ service: 'EKS' });
    const denied = (await callAws(eks, 'ListNodegroups', scripted(awsError('AccessDeniedException', 403, 'User: arn:aws:iam::1:user/ci is not authorized'))).catch((e: unknown) => e)) as ApiError;
    expect(denied.message).toBe('EKS ListNodegroups failed: AccessDeniedException: User: arn:aws:iam::1:user/ci is not authorized (the IAM policy must allow eks:ListNodegroups; see the IAM permissions in the docs)');
    const ec2 = (await callAws(caller({ service: 'EC2' }), 'DescribeSubnets', scripted(awsError('UnauthorizedOperation', 403))).catch((e: unknown) => e)) as ApiError;
    expect(ec2.message).toMatch(/\(the IAM policy must allow ec2:DescribeSubnets; see the IAM permissions in the docs\)$/);
    const missing = (await callAws(caller(), 'DescribeRepositories', scripted(awsError('RepositoryNotFoundException'))).catch((e: unknown) => e)) as ApiError;
    expect(missing.message).not.toContain('IAM');
  });

  it('stops at the attempt limit with the count in the message', async () => {
    const c = caller();
    const failure = (await callAws(c, 'GetAuthorizationToken', scripted(awsError('ThrottlingException'))).catch((e: unknown) => e)) as Error;
    expect(failure.message).toMatch(/^ECR GetAuthorizationToken failed: ThrottlingException: .* \(after 5 attempts\)$/);
    expect(c.stats.calls).toBe(5);
  });

  it('makes no retry whose wait would end past the deadline', async () => {
    const clock = new FakeClock(1_000_000);
    const c = caller({ clock, deadline: 1_000_000 + 100, policy: { attempts: Number.POSITIVE_INFINITY, backoff: { initialMs: 300, maxMs: 300 } } });
    await expect(callAws(c, 'DescribeImageScanFindings', scripted(awsError('ThrottlingException')))).rejects.toThrow(/ThrottlingException/);
    expect(c.stats.calls).toBe(1);
  });

  it('sends nothing once the run has failed, and a retry under way ends silently', async () => {
    const controller = new AbortController();
    const c = caller({ signal: controller.signal });
    let sends = 0;
    const first = callAws(c, 'GetAuthorizationToken', async () => {
      sends += 1;
      controller.abort(new Error('DescribeRepositories failed for good'));
      throw awsError('TimeoutError');
    });
    await expect(first).rejects.toMatchObject({ code: 'NotSent' });
    await expect(callAws(c, 'DescribeImages', async () => (sends += 1))).rejects.toMatchObject({ code: 'NotSent' });
    expect(sends).toBe(1);
    expect(c.logger.lines).toEqual([]);
  });

  it('allOrAbort aborts the others on the first failure and rethrows it', async () => {
    const controller = new AbortController();
    let release: () => void = () => undefined;
    const slow = new Promise<string>((resolve) => (release = () => resolve('late')));
    const failure = allOrAbort(controller, [slow, Promise.reject(new Error('repository missing'))]);
    await expect(failure).rejects.toThrow('repository missing');
    expect(controller.signal.aborted).toBe(true);
    release();
  });

  it('withAwsRetries puts a plain client under the policy, naming the operation after the command', async () => {
    class DescribeClusterCommand {}
    const c = caller({ service: 'EKS' });
    let sends = 0;
    const client = withAwsRetries(
      {
        send: async () => {
          sends += 1;
          if (sends === 1) throw awsError('ThrottlingException');
          throw awsError('ResourceNotFoundException', 404);
        },
      },
      c,
    );
    const failure = (await client.send(new DescribeClusterCommand()).catch((e: unknown) => e)) as ApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect([failure.service, failure.operation, failure.code]).toEqual(['EKS', 'DescribeCluster', 'ResourceNotFoundException']);
    expect(sends).toBe(2);
    expect(c.logger.lines.map((l) => l.message.replace(/\d+ ms/, 'N ms'))).toEqual(['EKS DescribeCluster answered ThrottlingException; retrying in N ms (attempt 2 of 5)']);
  });
});
