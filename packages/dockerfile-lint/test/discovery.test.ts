import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findDockerfiles, isDockerfileName } from '../src/files.js';

describe('which files discovery lints', () => {
  it('takes the names Docker and Podman look for', () => {
    for (const name of ['Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'web.dockerfile', 'Containerfile', 'Containerfile.dev', 'svc/Dockerfile']) {
      expect([name, isDockerfileName(name)]).toEqual([name, true]);
    }
  });

  it('never takes documentation, ignore files or editor leftovers for a Dockerfile', () => {
    for (const name of ['Dockerfile.md', 'docs/Dockerfile.markdown', 'Dockerfile.rst', 'Dockerfile.txt', 'Containerfile.adoc', 'Dockerfile.dockerignore', 'Dockerfile.orig', 'README.md', 'Dockerfiles', 'MyDockerfile']) {
      expect([name, isDockerfileName(name)]).toEqual([name, false]);
    }
  });

  it('skips Markdown, node_modules and .git in a real tree, default and directory discovery alike', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'discovery-'));
    try {
      const files = ['Dockerfile', 'docs/Dockerfile.md', 'svc/Containerfile.dev', 'svc/api.Dockerfile', 'node_modules/pkg/Dockerfile', '.git/Dockerfile', 'svc/Dockerfile.dockerignore'];
      for (const file of files) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), 'FROM alpine\n');
      }
      expect(await findDockerfiles([], root)).toEqual(['Dockerfile', 'svc/Containerfile.dev', 'svc/api.Dockerfile']);
      expect(await findDockerfiles(['svc'], root)).toEqual(['svc/Containerfile.dev', 'svc/api.Dockerfile']);
      // Named explicitly, a file is linted whatever its name.
      expect(await findDockerfiles(['docs/Dockerfile.md'], root)).toEqual(['docs/Dockerfile.md']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
