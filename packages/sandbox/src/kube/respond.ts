/** Writing JSON answers and Status errors. */
import type { ServerResponse } from 'node:http';
import type { KubeError } from './status.js';

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: KubeError, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(error.body);
  res.writeHead(error.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
