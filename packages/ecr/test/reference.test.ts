import { describe, expect, it } from '@jest/globals';
import { InputError } from '@eks-kit/core';
import { formatReference, parseImageReference } from '../src/index.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageReference', () => {
  it('reads repository@digest, repository:tag and both', () => {
    expect(parseImageReference(`team/api@${DIGEST}`)).toEqual({ repository: 'team/api', digest: DIGEST });
    expect(parseImageReference('team/api:1.2.3')).toEqual({ repository: 'team/api', tag: '1.2.3' });
    expect(parseImageReference(`api:v1@${DIGEST}`)).toEqual({ repository: 'api', tag: 'v1', digest: DIGEST });
  });

  it('reads a full ECR URI into account, region and repository', () => {
    expect(parseImageReference('111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web:release-7')).toEqual({
      repository: 'shop/web',
      registryId: '111122223333',
      region: 'eu-west-1',
      tag: 'release-7',
    });
    expect(parseImageReference(`111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/a@${DIGEST}`)).toMatchObject({ region: 'us-gov-west-1', digest: DIGEST });
    expect(parseImageReference('111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/a:b')).toMatchObject({ region: 'cn-north-1' });
    expect(parseImageReference('111122223333.dkr-ecr.ap-south-1.on.aws/a:b')).toMatchObject({ registryId: '111122223333', region: 'ap-south-1' });
  });

  it.each([
    ['', /is empty/],
    ['team/api', /neither a tag nor a digest/],
    ['team/api@sha256:abc', /invalid digest "sha256:abc"/],
    ['team/api@md5:0123', /invalid digest/],
    ['team/api:bad tag', /invalid tag "bad tag"/],
    ['Team/API:1', /does not name a valid repository \("Team\/API"\)/],
    ['docker.io/library/nginx:1', /"docker.io" is not an ECR registry host/],
    ['ghcr.io/acme/app:1', /not in Amazon ECR/],
  ])('refuses %j with a clear InputError', (value, message) => {
    let error: unknown;
    try {
      parseImageReference(value, 'image');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('image');
    expect((error as Error).message).toMatch(message);
  });

  it('formats with the digest when known', () => {
    expect(formatReference({ repository: 'a', tag: 't' })).toBe('a:t');
    expect(formatReference({ repository: 'a', tag: 't', digest: DIGEST })).toBe(`a@${DIGEST}`);
  });
});
