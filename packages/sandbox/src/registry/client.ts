import { createHash } from 'node:crypto';
import { ALL_MANIFEST_TYPES } from './media-types.js';

export interface StoredManifest {
  digest: string;
  mediaType: string;
  body: Buffer;
}

/** An error answered by the registry (`{"errors":[{"code":…}]}`), kept so callers can map the code. */
export class RegistryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The Docker Registry HTTP API v2 calls the ECR emulator needs, made with the registry's own credentials. */
export class RegistryClient {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    username: string,
    password: string,
  ) {
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async listTags(repository: string): Promise<string[]> {
    const response = await this.request('GET', `/v2/${repository}/tags/list`);
    if (response.status === 404) return [];
    await this.expectOk(response);
    const body = (await response.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  async getManifest(repository: string, reference: string, accept = ALL_MANIFEST_TYPES): Promise<StoredManifest | undefined> {
    const response = await this.request('GET', `/v2/${repository}/manifests/${reference}`, { accept: accept.join(', ') });
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    await this.expectOk(response);
    const body = Buffer.from(await response.arrayBuffer());
    const digest = response.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    return { digest, mediaType, body };
  }

  async putManifest(repository: string, reference: string, body: Buffer, mediaType: string): Promise<string> {
    const response = await this.request('PUT', `/v2/${repository}/manifests/${reference}`, { 'content-type': mediaType }, body);
    await this.expectOk(response);
    await response.arrayBuffer();
    const digest = response.headers.get('docker-content-digest');
    if (!digest) throw new Error('registry accepted the manifest but returned no digest');
    return digest;
  }

  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.request('DELETE', `/v2/${repository}/manifests/${digest}`);
    await this.expectOk(response);
    await response.arrayBuffer();
  }

  async getBlob(repository: string, digest: string): Promise<Buffer | undefined> {
    const response = await this.request('GET', `/v2/${repository}/blobs/${digest}`);
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    await this.expectOk(response);
    return Buffer.from(await response.arrayBuffer());
  }

  private request(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: this.authorization, ...headers },
      body,
      redirect: 'follow',
    });
  }

  private async expectOk(response: Response): Promise<void> {
    if (response.ok) return;
    const text = await response.text();
    let code = 'UNKNOWN';
    let message = text;
    try {
      const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
      code = parsed.errors?.[0]?.code ?? code;
      message = parsed.errors?.[0]?.message ?? message;
    } catch {
      // not a registry error document
    }
    throw new RegistryApiError(response.status, code, `registry answered ${response.status} ${code}: ${message}`);
  }
}
