import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClickShareConfig } from '../../../../shared/clickshare-config.ts';
import { passwordFromFile, readCredentials } from './clickshare-credentials.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function configWith(files: Record<string, string>, extra: object = {}): Promise<ClickShareConfig> {
  dir = await mkdtemp(join(tmpdir(), 'lintel-clickshare-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return ClickShareConfig.parse({ host: '10.0.0.7', username: 'admin', passwordFile: join(dir, 'password'), ...extra });
}

describe("a ClickShare unit's credentials", () => {
  it("leaves the file's trailing newline out of the password, and nothing else", () => {
    expect(passwordFromFile('s3cret\n')).toBe('s3cret');
    expect(passwordFromFile('s3cret\r\n')).toBe('s3cret');
    expect(passwordFromFile('s3cret')).toBe('s3cret');
    expect(passwordFromFile('s3cret \n\n')).toBe('s3cret \n');
  });

  it('reads the password and the CA file', async () => {
    const config = await configWith({ password: 'correct horse\n', 'ca.pem': '-----BEGIN CERTIFICATE-----\nMII…\n-----END CERTIFICATE-----\n' });
    const withCa = { ...config, caFile: join(dir, 'ca.pem') };
    expect(await readCredentials(config)).toEqual({ username: 'admin', password: 'correct horse', caPem: null });
    expect(await readCredentials(withCa)).toMatchObject({ caPem: expect.stringContaining('BEGIN CERTIFICATE') });
  });

  it('says which file is missing, empty or not a certificate', async () => {
    const config = await configWith({ 'ca.pem': 'not a certificate' });
    await expect(readCredentials(config)).rejects.toMatchObject({ code: 'configuration', message: expect.stringMatching(/cannot read the password file \("passwordFile"\) .*password/) });
    await writeFile(config.passwordFile, '\n');
    await expect(readCredentials(config)).rejects.toMatchObject({ code: 'configuration', message: expect.stringMatching(/is empty/) });
    await writeFile(config.passwordFile, 'pw');
    await expect(readCredentials({ ...config, caFile: join(dir, 'ca.pem') })).rejects.toMatchObject({ code: 'configuration', message: expect.stringMatching(/holds no PEM certificate/) });
  });
});
