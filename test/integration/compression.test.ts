import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrecompressedCopies } from '../../scripts/precompressed-copies.ts';
import { tempDataDir } from '../support/bridge-process.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getRaw } from '../support/http.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';

const SCRIPT = 'assets/index-Cq3x9Zk1.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let bridge: TestBridge;
let webDir: ReturnType<typeof tempDataDir>;

/** A built web app as Vite leaves it, with the copies its build writes: text that compresses as real code does. */
function buildWebApp(dir: string): void {
  mkdirSync(join(dir, 'assets'));
  const code = Array.from({ length: 400 }, (_, i) => `export function step${i}(room){return room.events.filter((e)=>e.start<${i * 60_000}).map((e)=>e.subject);}`).join('\n');
  writeFileSync(join(dir, SCRIPT), code);
  const lines = Array.from({ length: 30 }, (_, i) => `<link rel="modulepreload" href="/assets/chunk-${i}.js">`).join('\n');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">${lines}<script type="module" src="/${SCRIPT}"></script></head><body></body></html>`);
  writeFileSync(join(dir, 'icon-192.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  writePrecompressedCopies(dir);
}

const decode = { br: brotliDecompressSync, gzip: gunzipSync };

beforeEach(async () => {
  webDir = tempDataDir();
  buildWebApp(webDir.dir);
  bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), webDir: webDir.dir });
});

afterEach(async () => {
  await bridge.close();
  webDir.remove();
});

describe('compressed answers', () => {
  it.each(['br', 'gzip'] as const)('sends a hashed asset %s-encoded, cached for good, the same file once decoded', async (coding) => {
    const answer = await getRaw(`${bridge.url}/${SCRIPT}`, { 'accept-encoding': coding });
    const file = readFileSync(join(webDir.dir, SCRIPT));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(coding);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['cache-control']).toBe(IMMUTABLE);
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body.length).toBeLessThan(file.length / 4);
    expect(decode[coding](answer.body).equals(file)).toBe(true);
  });

  it("prefers brotli when a browser takes both, as Chromium's header says", async () => {
    const answer = await getRaw(`${bridge.url}/${SCRIPT}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.headers['content-encoding']).toBe('br');
  });

  it.each([['identity', { 'accept-encoding': 'identity' }], ['no Accept-Encoding', {}]])('sends the asset as it is for %s', async (_, headers) => {
    const answer = await getRaw(`${bridge.url}/${SCRIPT}`, headers);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['cache-control']).toBe(IMMUTABLE);
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.body.equals(readFileSync(join(webDir.dir, SCRIPT)))).toBe(true);
  });

  it.each(['br', 'gzip'] as const)("sends the app's page %s-encoded on every display route, never cached without asking", async (coding) => {
    const file = readFileSync(join(webDir.dir, 'index.html'));
    for (const path of ['/', '/rooms/demo']) {
      const answer = await getRaw(`${bridge.url}${path}`, { 'accept-encoding': `${coding}, identity;q=0.5` });
      expect(answer.headers['content-encoding']).toBe(coding);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(decode[coding](answer.body).equals(file)).toBe(true);
    }
    const plain = await getRaw(`${bridge.url}/rooms/demo`, { 'accept-encoding': 'identity' });
    expect([plain.headers['content-encoding'], plain.headers['cache-control']]).toEqual([undefined, 'no-cache']);
    expect(plain.body.equals(file)).toBe(true);
  });

  it('sends an image, compressed already, as it is', async () => {
    const answer = await getRaw(`${bridge.url}/icon-192.png`, { 'accept-encoding': 'br, gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toBe('image/png');
  });

  it('compresses a large JSON answer for a client that takes it, and not a small one', async () => {
    const plain = await getRaw(`${bridge.url}/api/openapi.json`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const coding of ['br', 'gzip'] as const) {
      const answer = await getRaw(`${bridge.url}/api/openapi.json`, { 'accept-encoding': coding });
      expect(answer.headers['content-encoding']).toBe(coding);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers.vary).toContain('Accept-Encoding');
      expect(answer.body.length).toBeLessThan(plain.body.length / 4);
      expect(JSON.parse(decode[coding](answer.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    }
    const health = await getRaw(`${bridge.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ status: 'ok' });
  });
});
