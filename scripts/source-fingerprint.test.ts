import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceFingerprint } from './source-fingerprint.ts';

const trees: string[] = [];
afterEach(() => {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lintel-sources-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const sources = { 'package.json': '{}', 'package-lock.json': '{}', 'web/src/main.ts': 'main', 'bridge/src/main.ts': 'bridge', 'shared/status.ts': 'status' };

describe('sourceFingerprint', () => {
  it('is the same for the same sources, wherever they are and whenever they were written', () => {
    expect(sourceFingerprint(tree(sources), undefined)).toBe(sourceFingerprint(tree(sources), undefined));
  });

  it('changes with any file that is built, a new one, the lock file, or a development build', () => {
    const before = sourceFingerprint(tree(sources), undefined);
    expect(sourceFingerprint(tree({ ...sources, 'shared/status.ts': 'status 2' }), undefined)).not.toBe(before);
    expect(sourceFingerprint(tree({ ...sources, 'web/src/new.ts': '' }), undefined)).not.toBe(before);
    expect(sourceFingerprint(tree({ ...sources, 'package-lock.json': '{ }' }), undefined)).not.toBe(before);
    expect(sourceFingerprint(tree(sources), 'development')).not.toBe(before);
    expect(sourceFingerprint(tree(sources), 'production')).toBe(before);
  });

  it('leaves out tests, dependencies and what is not built', () => {
    const before = sourceFingerprint(tree(sources), undefined);
    const more = { 'bridge/src/main.test.ts': 'test', 'web/node_modules/x/index.js': 'x', 'test/e2e/a.test.ts': 'e2e', 'README.md': 'read me' };
    expect(sourceFingerprint(tree({ ...sources, ...more }), undefined)).toBe(before);
  });
});
