import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

describe('EK1009 package install at container start', () => {
  it.each([
    'CMD pip install -r requirements.txt && python app.py',
    'CMD ["sh", "-c", "apt-get update && apt-get install -y curl && exec ./app"]',
    'ENTRYPOINT ["/bin/bash", "-c", "npm ci && exec node server.js"]',
    'ENTRYPOINT apk add --no-cache curl; exec ./app',
    'CMD ["npm", "install"]',
  ])('reports `%s`', (start) => {
    const findings = lint(['FROM node:20-slim', start]).filter((f) => f.code === 'EK1009');
    expect(findings.map((f) => [f.range.startLine, f.category])).toEqual([[2, 'startup']]);
  });
  it('reports an inline entrypoint script that installs, naming the line inside the script', () => {
    const viaCopy = ['FROM python:3.12-slim', 'COPY <<EOF /entrypoint.sh', '#!/bin/sh', 'pip install -r /app/requirements.txt', 'exec "$@"', 'EOF', 'ENTRYPOINT ["/entrypoint.sh"]', 'CMD ["python", "app.py"]'];
    const findings = lint(viaCopy).filter((f) => f.code === 'EK1009');
    expect(findings.map((f) => f.range.startLine)).toEqual([7]);
    expect(findings[0]?.message).toContain('line 4');
    const viaRun = ['FROM alpine:3.20', 'RUN cat <<EOF > /usr/local/bin/start', 'apk add curl', 'exec ./app', 'EOF', 'CMD ["sh", "/usr/local/bin/start"]'];
    expect(linesOf('EK1009', viaRun)).toEqual([6]);
  });
  it('is quiet for starts that only run the app, and for installs at build time', () => {
    const file = ['FROM node:20-slim', 'RUN npm ci --omit=dev', 'COPY <<EOF /start.sh', 'exec node server.js', 'EOF', 'ENTRYPOINT ["/start.sh"]', 'CMD ["npm", "start"]'];
    expect(linesOf('EK1009', file)).toEqual([]);
    expect(linesOf('EK1009', ['FROM golang:1.22', 'CMD ["go", "run", "."]'])).toEqual([]);
  });
});
