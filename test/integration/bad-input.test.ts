import { request } from 'node:http';
import { deflateSync } from 'node:zlib';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';

let bridge: TestBridge;
/** Every line the bridge logged, at every level. */
let logged: { level: number; msg: string }[];

beforeEach(async () => {
  logged = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) });
  bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), logger });
});

afterEach(async () => {
  await bridge.close();
});

/** A request sent as written: node:http leaves the path's encoding and the body's bytes alone, unlike fetch. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: bridge.port, method, path, agent: false, headers: body ? { ...headers, 'content-length': String(body.length) } : headers };
    const sent = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: res.headers['content-type']?.startsWith('application/json') ? JSON.parse(text) : text });
      });
      res.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const booking = () => Buffer.from(JSON.stringify({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 }));
const json = { 'content-type': 'application/json' };
const admin = { ...json, authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const link = () => Buffer.from(JSON.stringify({ code: '123456', room: { roomId: 'demo' } }));
/** A real deflate stream of a booking, with its end cut off. */
const truncatedDeflate = () => {
  const whole = deflateSync(booking());
  return whole.subarray(0, whole.length - 6);
};

const cases: [string, () => Promise<{ status: number; body: unknown }>, number, string][] = [
  ["a room's state, for a room id that is not percent-encoding", () => send('GET', '/api/rooms/%ff/state'), 400, 'invalid-input'],
  ['an action, for a room id that is not percent-encoding', () => send('POST', '/api/rooms/%ff/actions', json, booking()), 400, 'invalid-input'],
  ['an admin route, for a room id that is not percent-encoding', () => send('PUT', '/api/admin/rooms/%ff/microsoft-365', admin, Buffer.from('{"mailbox":"x@contoso.example"}')), 400, 'invalid-input'],
  ['a path of the web app that is not percent-encoding', () => send('GET', '/%ff'), 400, 'invalid-input'],
  ["a display's path with a room id that is not percent-encoding", () => send('GET', '/rooms/%ff'), 400, 'invalid-input'],
  ["a display's path cut off in a character", () => send('GET', '/rooms/%E0%A4%A'), 400, 'invalid-input'],
  // A display still on the web app before an update asks for its old hashed files.
  ['an asset the web app does not have', () => send('GET', '/assets/index-0123abcd.js'), 404, 'not-found'],
  ['an action said to be gzip that is not', () => send('POST', '/api/rooms/demo/actions', { ...json, 'content-encoding': 'gzip' }, booking()), 400, 'invalid-input'],
  ['an action said to be br that is garbage', () => send('POST', '/api/rooms/demo/actions', { ...json, 'content-encoding': 'br' }, Buffer.from('not brotli at all, just text')), 400, 'invalid-input'],
  ['an action in a deflate stream cut off', () => send('POST', '/api/rooms/demo/actions', { ...json, 'content-encoding': 'deflate' }, truncatedDeflate()), 400, 'invalid-input'],
  ['an action in an encoding the bridge does not know', () => send('POST', '/api/rooms/demo/actions', { ...json, 'content-encoding': 'foo' }, booking()), 415, 'unsupported-media-type'],
  ['a pairing link said to be gzip that is not', () => send('POST', '/api/admin/links', { ...admin, 'content-encoding': 'gzip' }, link()), 400, 'invalid-input'],
  ['a pairing link in an encoding the bridge does not know', () => send('POST', '/api/admin/links', { ...admin, 'content-encoding': 'foo' }, link()), 415, 'unsupported-media-type'],
];

describe('a request the bridge cannot read is the client\'s mistake', () => {
  it.each(cases)('%s: 4xx with a code and a message, nothing changed, no error logged', async (_name, sendIt, status, code) => {
    const state = async () => (await getJson(`${bridge.url}/api/rooms/demo/state`)).body as RoomState;
    const before = await state();
    expect(await sendIt()).toEqual({ status, body: { code, message: expect.stringMatching(/\w/) } });
    const after = await state();
    expect(after).toMatchObject({ status: 'available', current: null });
    expect(after.events).toEqual(before.events);
    expect(after.updatedAt).toBe(before.updatedAt);
    // pino's levels: 40 warn, 50 error, 60 fatal.
    expect(logged.filter((line) => line.level >= 50)).toEqual([]);
  });
});
