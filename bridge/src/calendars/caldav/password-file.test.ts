import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPasswordFile } from './password-file.ts';

describe('readPasswordFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lintel-password-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('drops one trailing line ending, \\n or \\r\\n, and keeps every other character', () => {
    expect(readPasswordFile(file('plain', 's3cret'))).toEqual({ ok: true, data: 's3cret' });
    expect(readPasswordFile(file('echo', 's3cret\n'))).toEqual({ ok: true, data: 's3cret' });
    expect(readPasswordFile(file('windows', 's3cret\r\n'))).toEqual({ ok: true, data: 's3cret' });
    expect(readPasswordFile(file('two', 's3cret\n\n'))).toEqual({ ok: true, data: 's3cret\n' });
    expect(readPasswordFile(file('spaces', ' pass word \t\n'))).toEqual({ ok: true, data: ' pass word \t' });
    expect(readPasswordFile(file('unicode', 'pässwörd:✓\n'))).toEqual({ ok: true, data: 'pässwörd:✓' });
  });

  it('refuses an empty file, also one holding only its line ending', () => {
    for (const text of ['', '\n', '\r\n']) {
      expect(readPasswordFile(file('empty', text))).toEqual({ ok: false, code: 'invalid-input', message: expect.stringMatching(/is empty/) });
    }
  });

  it('says so when the file is missing, a folder, or not readable', () => {
    expect(readPasswordFile(join(dir, 'missing'))).toEqual({ ok: false, code: 'invalid-input', message: expect.stringContaining(`${join(dir, 'missing')} does not exist`) });
    mkdirSync(join(dir, 'folder'));
    expect(readPasswordFile(join(dir, 'folder'))).toEqual({ ok: false, code: 'invalid-input', message: expect.stringContaining('is a folder') });
    const locked = file('locked', 's3cret');
    chmodSync(locked, 0o000);
    // root reads any file whatever its mode.
    if (userInfo().uid !== 0) expect(readPasswordFile(locked)).toEqual({ ok: false, code: 'invalid-input', message: expect.stringContaining('may not read') });
  });
});
