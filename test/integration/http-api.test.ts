import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { timed } from '../support/meetings.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson, postJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';

let clock: FakeClock;
let bridge: TestBridge;

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({
    clock,
    meetings: [timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'planning', roomId: 'demo', subject: 'Planning' })],
  });
});

afterEach(async () => {
  await bridge.close();
});

const state = async () => (await getJson(`${bridge.url}/api/rooms/demo/state`)).body as RoomState;
const action = (body: unknown) => postJson(`${bridge.url}/api/rooms/demo/actions`, body);

describe('HTTP API', () => {
  it('reports health', async () => {
    expect(await getJson(`${bridge.url}/api/health`)).toMatchObject({ status: 200, body: { status: 'ok', rooms: 1 } });
  });

  it('lists rooms with id, name, time zone and location', async () => {
    const { body } = await getJson(`${bridge.url}/api/rooms`);
    expect(body).toEqual([expect.objectContaining({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', location: { building: null, floor: null } })]);
  });

  it("answers a room's state with status, current, next, today's events and update time", async () => {
    const body = await state();
    expect(body).toMatchObject({ room: { id: 'demo' }, status: 'available', current: null, next: [{ id: 'planning' }], events: [{ id: 'planning' }] });
    expect(body.freeUntil).toBe('2026-11-23T10:00:00.000Z');
    expect(typeof body.updatedAt).toBe('string');
  });

  it('serves pages under a strict Content-Security-Policy with no inline scripts', async () => {
    const response = await fetch(`${bridge.url}/rooms/demo`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('says clearly when a room has no base unit', async () => {
    expect(await getJson(`${bridge.url}/api/rooms/demo/base-unit`, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).toMatchObject({ status: 404, body: { code: 'not-found', message: 'Room "demo" has no base unit.' } });
  });

  it("exchanges a one-time sign-in link's code for the local admin token once, within 10 minutes; bad input gets a clear 400 and uses up nothing", async () => {
    const signIn = (body: unknown) => postJson(`${bridge.url}/api/admin/sign-in`, body);
    const code = new URL(bridge.signInLink()).hash.replace('#signin=', '');
    for (const bad of [{}, { code: '' }, { code, remember: true }, { code: 'x'.repeat(101) }]) {
      expect(await signIn(bad)).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    }
    expect(await signIn({ code: 'never-made' })).toMatchObject({ status: 401, body: { code: 'unauthorized', message: expect.stringContaining('no such sign-in link') } });
    expect(await signIn({ code })).toEqual({ status: 200, body: { token: TEST_ADMIN_TOKEN } });
    expect(await signIn({ code })).toMatchObject({ status: 409, body: { code: 'not-allowed', message: expect.stringContaining('used already') } });

    const late = new URL(bridge.signInLink()).hash.replace('#signin=', '');
    clock.advance(10 * 60_000);
    expect(await signIn({ code: late })).toMatchObject({ status: 409, body: { code: 'expired', message: expect.stringContaining('expired') } });
    const audit = ((await getJson(`${bridge.url}/api/admin/status`, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body as { audit: { event: { action: string } }[] }).audit;
    expect(audit.filter((entry) => entry.event.action === 'sign-in-link')).toHaveLength(1);
  });

  it('describes every endpoint in its OpenAPI document', async () => {
    const { body } = (await getJson(`${bridge.url}/api/openapi.json`)) as { body: { openapi: string; paths: Record<string, unknown> } };
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/admin/check',
      '/api/admin/config',
      '/api/admin/credentials/renew',
      '/api/admin/displays/forget-stale',
      '/api/admin/displays/{id}',
      '/api/admin/displays/{id}/forget',
      '/api/admin/displays/{id}/identify',
      '/api/admin/displays/{id}/name',
      '/api/admin/google',
      '/api/admin/google/rooms',
      '/api/admin/insights',
      '/api/admin/insights.csv',
      '/api/admin/links',
      '/api/admin/m365/account',
      '/api/admin/m365/account/authorize',
      '/api/admin/m365/calendars',
      '/api/admin/m365/callback',
      '/api/admin/problems',
      '/api/admin/problems/{id}/resolve',
      '/api/admin/revoke',
      '/api/admin/rooms',
      '/api/admin/rooms/{id}/access',
      '/api/admin/rooms/{id}/calendar',
      '/api/admin/rooms/{id}/export',
      '/api/admin/rooms/{id}/microsoft-365',
      '/api/admin/sign-in',
      '/api/admin/status',
      '/api/building',
      '/api/health',
      '/api/metrics',
      '/api/rooms',
      '/api/rooms/{id}/actions',
      '/api/rooms/{id}/base-unit',
      '/api/rooms/{id}/problems',
      '/api/rooms/{id}/state',
    ]);
    // Every reference resolves: a schema named in a path is in the document.
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    const schemas = Object.keys((body as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas);
    expect(refs.filter((ref) => !schemas.includes(ref))).toEqual([]);
  });

  it('books the room now and shows it busy', async () => {
    const response = await action({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'busy', current: { subject: 'Walk-up booking', origin: 'walk-up' } });
    expect((await state()).status).toBe('busy');
  });

  it('books a later slot of today, and says why one that does not fit is refused', async () => {
    const booked = await action({ id: crypto.randomUUID(), type: 'book', start: '2026-11-23T13:00:00+01:00', minutes: 45 });
    expect(booked).toMatchObject({ status: 200, body: { status: 'available', events: [{ id: 'planning' }, { origin: 'walk-up', start: '2026-11-23T12:00:00.000Z', end: '2026-11-23T12:45:00.000Z', checkedInAt: null }] } });
    const refusal = (body: object) => action({ id: crypto.randomUUID(), type: 'book', ...body });
    expect(await refusal({ start: '2026-11-23T11:30:00+01:00', minutes: 30 })).toMatchObject({ status: 409, body: { code: 'slot-taken', message: 'The room is booked from 11:00 to 12:00.' } });
    expect(await refusal({ start: '2026-11-23T09:00:00+01:00', minutes: 30 })).toMatchObject({ status: 409, body: { code: 'in-the-past' } });
    expect(await refusal({ start: '2026-11-24T09:00:00+01:00', minutes: 30 })).toMatchObject({ status: 409, body: { code: 'too-far-ahead' } });
    expect(await refusal({ start: '2026-11-23T15:00:00+01:00', minutes: 90 })).toMatchObject({ status: 409, body: { code: 'too-long', message: 'This room is booked for at most 60 min at a time.' } });
    expect(await refusal({ start: 'tomorrow', minutes: 30 })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    expect((await state()).events).toHaveLength(2);
  });

  it('applies the same action id once and answers it the same way', async () => {
    const booking = { id: crypto.randomUUID(), type: 'book-now', minutes: 15 };
    const first = await action(booking);
    clock.advance(60_000);
    const second = await action(booking);
    expect(second).toEqual(first);
    expect((await state()).events.filter((m) => m.origin === 'walk-up')).toHaveLength(1);
  });

  it('refuses a reused action id carrying a different action', async () => {
    const id = crypto.randomUUID();
    await action({ id, type: 'book-now', minutes: 15 });
    expect(await action({ id, type: 'book-now', minutes: 30 })).toMatchObject({ status: 409, body: { code: 'action-id-reused' } });
  });

  it('answers 409 with a reason when the action does not fit', async () => {
    const response = await action({ id: crypto.randomUUID(), type: 'book-now', minutes: 60 });
    expect(response).toEqual({ status: 200, body: expect.anything() });
    clock.advance(30 * 60_000);
    expect(await action({ id: crypto.randomUUID(), type: 'book-now', minutes: 15 })).toMatchObject({
      status: 409,
      body: { code: 'room-busy', message: 'The room is in use until 11:00.' },
    });
    expect(await action({ id: crypto.randomUUID(), type: 'extend', minutes: 15 })).toMatchObject({ status: 409, body: { code: 'extend-conflict' } });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const cases: [string, () => Promise<{ status: number; body: unknown }>, number, string][] = [
      ['wrong types', () => action({ id: crypto.randomUUID(), type: 'book-now', minutes: '30' }), 400, 'invalid-input'],
      ['unknown action', () => action({ id: crypto.randomUUID(), type: 'teleport' }), 400, 'invalid-input'],
      ['missing id', () => action({ type: 'book-now', minutes: 30 }), 400, 'invalid-input'],
      ['extra fields', () => action({ id: crypto.randomUUID(), type: 'book-now', minutes: 30, subject: '<script>' }), 400, 'invalid-input'],
      ['a JSON array', () => action([1, 2]), 400, 'invalid-input'],
      ['unknown room', () => postJson(`${bridge.url}/api/rooms/nowhere/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 }), 404, 'room-not-found'],
      ['a malformed room id', () => getJson(`${bridge.url}/api/rooms/${encodeURIComponent('../../etc')}/state`), 404, 'room-not-found'],
      ['unknown endpoint', () => getJson(`${bridge.url}/api/rooms/demo/nothing`), 404, 'not-found'],
      ['malformed JSON', () => raw('{"id": "x", ', 'application/json'), 400, 'invalid-input'],
      ['a huge body', () => raw(JSON.stringify({ id: crypto.randomUUID(), type: 'book-now', padding: 'x'.repeat(100_000) }), 'application/json'), 413, 'payload-too-large'],
      ['not JSON', () => raw('type=book-now', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type'],
    ];

    it.each(cases)('%s', async (_name, send, status, code) => {
      const before = await state();
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ code, message: expect.stringMatching(/\w/) });
      const after = await state();
      expect(after.events).toEqual(before.events);
      expect(after.updatedAt).toBe(before.updatedAt);
    });
  });
});

async function raw(body: string, contentType: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${bridge.url}/api/rooms/demo/actions`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: await response.json() };
}

describe('two displays booking the same slot at once', () => {
  it('gives it to exactly one; the other gets 409 with the reason', async () => {
    const results = await Promise.all([
      action({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 }),
      action({ id: crypto.randomUUID(), type: 'book-now', minutes: 30 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({ code: 'room-busy' });
    expect((await state()).events.filter((m) => m.origin === 'walk-up')).toHaveLength(1);
  });
});
