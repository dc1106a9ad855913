import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificatePin, filePinStore, isFingerprint } from './certificate-pin.ts';

const A = Array.from({ length: 32 }, () => 'AB').join(':');
const B = Array.from({ length: 32 }, () => '0C').join(':');

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function pinFile(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'lintel-pin-'));
  return join(dir, 'pins', 'harbour.pin');
}

describe("a ClickShare unit's pinned certificate", () => {
  it("knows Node's spelling of a SHA-256 fingerprint", () => {
    expect(isFingerprint(A)).toBe(true);
    expect(isFingerprint(A.toLowerCase())).toBe(false);
    expect(isFingerprint(A.slice(3))).toBe(false);
  });

  it('pins the first certificate in a file only the bridge reads, then takes that one and refuses another', async () => {
    const path = await pinFile();
    const pin = new CertificatePin(filePinStore(path), () => 'the unit at 10.0.0.7:4003, pinned 2026-11-23T10:00:00.000Z');
    expect(await pin.check(A)).toBe('pinned');
    expect(await readFile(path, 'utf8')).toBe(`# the unit at 10.0.0.7:4003, pinned 2026-11-23T10:00:00.000Z\n# Delete this file to trust a new certificate of the unit.\n${A}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await pin.check(A)).toBe('matches');
    await expect(pin.check(B)).rejects.toMatchObject({ code: 'certificate-changed', message: expect.stringContaining(`SHA-256 ${B}, not the one pinned in ${path} (${A}): if the unit's certificate was replaced on purpose, delete that file`) });
    await rm(path);
    expect(await pin.check(B)).toBe('pinned');
  });

  it('pins once when two connections meet the unit at first contact', async () => {
    const pin = new CertificatePin(filePinStore(await pinFile()), () => 'note');
    const outcomes = await Promise.allSettled([pin.check(A), pin.check(B), pin.check(A)]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as { code: string }).code))).toEqual(['pinned', 'certificate-changed', 'matches']);
  });

  it('never reads a damaged file as nothing pinned', async () => {
    const path = await pinFile();
    const store = filePinStore(path);
    expect(await store.load()).toBeNull();
    await store.save(A, 'note');
    await writeFile(path, '# truncated\nAB:AB\n');
    await expect(new CertificatePin(store, () => 'note').check(A)).rejects.toMatchObject({ code: 'pin-store', message: expect.stringMatching(/holds no SHA-256 fingerprint: delete it/) });
  });
});
