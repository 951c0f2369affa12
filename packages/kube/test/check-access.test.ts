import { describe, expect, it } from '@jest/globals';
import { ApiUnreachable, type ApiAnswer, type KubeApi } from '../src/api-client.js';
import { checkAccess } from '../src/connect.js';
import { FakeKubectl, ok } from './fakes.js';

const SERVER = 'https://ABC.gr7.eu-west-1.eks.amazonaws.com';

/** An API whose GETs answer in turn from `answers` (an ApiUnreachable is thrown), counting them. */
function api(...answers: (ApiAnswer | ApiUnreachable)[]): Pick<KubeApi, 'get' | 'server'> & { paths: string[] } {
  const paths: string[] = [];
  return {
    server: SERVER,
    paths,
    get: async (path) => {
      paths.push(path);
      const next = answers[Math.min(paths.length, answers.length) - 1]!;
      if (next instanceof ApiUnreachable) throw next;
      return next;
    },
  };
}

describe('checkAccess through the API the deploy reaches itself', () => {
  it('reads the namespace in-process, no kubectl; a namespace not there yet is fine', async () => {
    const kubectl = new FakeKubectl(() => ok(''));
    const present = api({ status: 200, body: '{}' });
    await checkAccess(kubectl, 'shop', false, undefined, present);
    await checkAccess(kubectl, 'new', false, undefined, api({ status: 404, body: '{"kind":"Status","code":404}' }));
    expect(present.paths).toEqual(['/api/v1/namespaces/shop']);
    expect(kubectl.calls).toEqual([]);
  });

  it('says what to do about rejected credentials', async () => {
    const rejected = api({ status: 401, body: '{"kind":"Status","message":"Unauthorized","code":401}' });
    await expect(checkAccess(new FakeKubectl(() => ok('')), 'shop', false, undefined, rejected)).rejects.toThrow(`the cluster at ${SERVER} refused the first read (namespace shop): 401 Unauthorized — the cluster rejected the credentials (401 Unauthorized): give the IAM role an EKS access entry`);
    expect(rejected.paths).toHaveLength(1);
  });

  it('tries again after a dropped connection, and names the endpoint (and a private one) when it never answers', async () => {
    const blip = api(new ApiUnreachable(SERVER, 'ECONNRESET'), { status: 200, body: '{}' });
    await checkAccess(new FakeKubectl(() => ok('')), 'shop', false, undefined, blip);
    expect(blip.paths).toHaveLength(2);

    const dark = api(new ApiUnreachable(SERVER, 'no answer within 5 s'));
    await expect(checkAccess(new FakeKubectl(() => ok('')), 'shop', true, undefined, dark)).rejects.toThrow(`cannot reach the cluster at ${SERVER}: no answer within 5 s — the cluster endpoint is private: run the job inside the VPC`);
    expect(dark.paths).toHaveLength(3);
  });
});
