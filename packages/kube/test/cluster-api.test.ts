import { describe, expect, it } from '@jest/globals';
import { clusterApi } from '../src/connect.js';

const endpoint = { server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com', caData: Buffer.from('pem').toString('base64') };

describe('clusterApi', () => {
  it('reads and watches in-process only where node can reach the endpoint itself: not behind an HTTPS proxy', () => {
    expect(clusterApi(endpoint, 'demo', 'us-east-1', { HTTPS_PROXY: 'http://proxy:3128' })).toBeUndefined();
    expect(clusterApi(endpoint, 'demo', 'us-east-1', { https_proxy: 'http://proxy:3128' })).toBeUndefined();
    expect(clusterApi(endpoint, 'demo', 'us-east-1', {})?.server).toBe('https://abc.gr7.us-east-1.eks.amazonaws.com');
  });
});
