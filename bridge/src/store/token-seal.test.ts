import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirSeal, TokenSeal } from './token-seal.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('token seal', () => {
  it('opens what it sealed, and nothing sealed with another key or changed since', () => {
    const seal = new TokenSeal(randomBytes(32));
    const sealed = seal.seal('refresh token');
    expect(sealed).not.toContain('refresh token');
    expect(seal.open(sealed)).toBe('refresh token');
    expect(new TokenSeal(randomBytes(32)).open(sealed)).toBeNull();
    const changed = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(seal.open(changed)).toBeNull();
    expect(seal.open('not sealed')).toBeNull();
  });

  it("keeps its key in the data dir, readable by the bridge's user only, and the same across restarts", () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-seal-'));
    dirs.push(dir);
    const sealed = dataDirSeal(dir).seal('kept');
    expect(statSync(join(dir, 'm365-account.key')).mode & 0o777).toBe(0o600);
    expect(dataDirSeal(dir).open(sealed)).toBe('kept');
  });
});
