import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localAdminToken } from './local-admin-token.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-token-'));
  dirs.push(dir);
  return dir;
}

describe('the local admin token', () => {
  it('is made once, readable by the bridge user only, and the same on every later start', () => {
    const dir = dataDir();
    const first = localAdminToken(dir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const second = localAdminToken(dir);
    expect(second).toEqual({ ...first, created: false });
  });

  it('replaces a file too short to be a token, and tightens a loose file mode', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'admin-token'), 'short\n', { mode: 0o644 });
    const made = localAdminToken(dir);
    expect(made.created).toBe(true);
    writeFileSync(made.file, `${made.token}\n`, { mode: 0o644 });
    expect(localAdminToken(dir)).toMatchObject({ token: made.token, created: false });
    expect(statSync(made.file).mode & 0o777).toBe(0o600);
  });
});
