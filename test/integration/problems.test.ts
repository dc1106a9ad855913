import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminStatus } from '../../shared/admin-api.ts';
import type { AdminProblems } from '../../shared/problems.ts';
import { adminRequest, pairingDisplay } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import { connectedClient, type TestSocket } from '../support/socket-client.ts';
import { until } from '../support/until.ts';
import { startWebhookServer, type WebhookServer } from '../support/webhook-server.ts';

/**
 * "Report a problem" from the outside: the API a display or an integration
 * calls, the admin API that lists and resolves problems, and a webhook on a
 * local port that receives the alerts. The bridge's clock is a fake one, so
 * the webhook's retries come when the test moves it.
 */
let clock: FakeClock;
let webhook: WebhookServer;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  webhook = await startWebhookServer();
  bridge = await startTestBridge({
    clock,
    alertWebhookUrl: webhook.url,
    rooms: [
      { id: 'demo', name: 'Harbour', access: 'open' },
      { id: 'loft', name: 'Loft', access: 'paired' },
      { id: 'atrium', name: 'Atrium', access: 'open', settings: { readOnly: true } },
    ],
  });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
  await webhook.close();
});

async function report(roomId: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${bridge.url}/api/rooms/${roomId}/problems`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

const problems = async () => ((await adminRequest(bridge.url, 'GET', '/problems', { token: TEST_ADMIN_TOKEN })).body as AdminProblems).problems;
const deliveredOnce = (what: string) => until(() => (webhook.delivered().length > 0 ? webhook.delivered() : undefined), 5_000, what);
const tries = (count: number) => until(() => (webhook.received.length === count ? true : undefined), 5_000, `try ${count} at the webhook`);
/** Time for a post the bridge would make now to arrive: what must not come is given the chance to. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const warnings = async () => ((await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body as AdminStatus).warnings;

describe('reporting a problem over HTTP', () => {
  it('answers 201 with the problem, the same report again with the same problem, and another under its id 409', async () => {
    const id = crypto.randomUUID();
    const first = await report('demo', { id, kind: 'sound', note: 'The speaker crackles' });
    expect(first).toEqual({
      status: 201,
      body: { id, roomId: 'demo', kind: 'sound', note: 'The speaker crackles', reportedAt: '2026-11-23T09:00:00.000Z', resolvedAt: null, resolvedBy: null },
    });
    clock.advance(60_000);
    expect(await report('demo', { id, kind: 'sound', note: 'The speaker crackles' })).toEqual(first);
    expect(await report('demo', { id, kind: 'screen' })).toMatchObject({ status: 409, body: { code: 'action-id-reused' } });
    expect(await problems()).toHaveLength(1);
  });

  it('refuses a kind it does not know, a note over 500 characters, an unknown room and a body that is not JSON', async () => {
    expect(await report('demo', { id: crypto.randomUUID(), kind: 'wifi' })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    expect(await report('demo', { id: crypto.randomUUID(), kind: 'other', note: 'n'.repeat(501) })).toMatchObject({
      status: 400,
      body: { code: 'invalid-input', message: 'note: must be at most 500 characters' },
    });
    expect(await report('nowhere', { id: crypto.randomUUID(), kind: 'other' })).toMatchObject({ status: 404, body: { code: 'room-not-found' } });
    const text = await fetch(`${bridge.url}/api/rooms/demo/problems`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'the screen is dark' });
    expect(text.status).toBe(415);
    expect(await problems()).toEqual([]);
  });

  it("refuses a stranger in a paired room, takes the room's paired display, and takes reports in a read-only room", async () => {
    expect(await report('loft', { id: crypto.randomUUID(), kind: 'video' })).toMatchObject({ status: 403, body: { code: 'room-not-open' } });

    const display = await pairingDisplay(bridge.url);
    sockets.push(display.socket);
    const { code } = await display.code();
    expect((await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: 'loft' } } })).status).toBe(200);
    const credential = { authorization: `Bearer ${display.credential()!}` };
    expect(await report('loft', { id: crypto.randomUUID(), kind: 'video' }, credential)).toMatchObject({ status: 201, body: { roomId: 'loft' } });
    expect(await report('demo', { id: crypto.randomUUID(), kind: 'video' }, { authorization: 'Bearer not-a-credential' })).toMatchObject({ status: 401 });

    expect(await report('atrium', { id: crypto.randomUUID(), kind: 'climate' })).toMatchObject({ status: 201, body: { roomId: 'atrium' } });
  });

  it('takes a report from a display over its live connection', async () => {
    const socket = await connectedClient(bridge.url);
    sockets.push(socket);
    const id = crypto.randomUUID();
    expect(await socket.emitWithAck('room:report-problem', { roomId: 'demo', report: { id, kind: 'cleanliness', note: 'Coffee spilt' } })).toMatchObject({
      ok: true,
      data: { id, roomId: 'demo', kind: 'cleanliness', note: 'Coffee spilt' },
    });
    expect(await socket.emitWithAck('room:report-problem', { roomId: 'loft', report: { id: crypto.randomUUID(), kind: 'sound' } })).toMatchObject({ ok: false, code: 'room-not-open' });
    expect(await socket.emitWithAck('room:report-problem', { roomId: 'demo', report: { id: 'nope', kind: 'sound' } })).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});

describe('problems on the admin API', () => {
  it('lists them open first, resolves one with who did it, in the audit log, and only for an admin', async () => {
    const screen = crypto.randomUUID();
    const sound = crypto.randomUUID();
    await report('demo', { id: screen, kind: 'screen' });
    clock.advance(60_000);
    await report('atrium', { id: sound, kind: 'sound' });
    expect((await problems()).map((problem) => problem.id)).toEqual([sound, screen]);

    expect((await adminRequest(bridge.url, 'GET', '/problems')).status).toBe(401);
    expect((await adminRequest(bridge.url, 'POST', `/problems/${sound}/resolve`)).status).toBe(401);
    clock.advance(60_000);
    const resolved = await adminRequest(bridge.url, 'POST', `/problems/${sound}/resolve`, { token: TEST_ADMIN_TOKEN });
    expect(resolved).toMatchObject({ status: 200, body: { id: sound, resolvedAt: '2026-11-23T09:02:00.000Z', resolvedBy: 'local admin token' } });
    expect((await problems()).map((problem) => [problem.id, problem.resolvedBy])).toEqual([
      [screen, null],
      [sound, 'local admin token'],
    ]);
    const status = (await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body as AdminStatus;
    expect(status.audit[0]).toEqual({
      at: '2026-11-23T09:02:00.000Z',
      actor: 'local admin token',
      event: { action: 'resolve-problem', room: 'Atrium', kind: 'sound', reportedAt: '2026-11-23T09:01:00.000Z' },
    });
    expect(await adminRequest(bridge.url, 'POST', `/problems/${crypto.randomUUID()}/resolve`, { token: TEST_ADMIN_TOKEN })).toMatchObject({ status: 404 });
  });
});

describe('alerts to the webhook', () => {
  it('posts the problem as JSON with its room, kind, note and time, keyed by its id', async () => {
    const id = crypto.randomUUID();
    await report('demo', { id, kind: 'sound', note: 'The speaker crackles' });
    expect(await deliveredOnce('the alert')).toEqual([
      { id, roomId: 'demo', roomName: 'Harbour', kind: 'sound', note: 'The speaker crackles', reportedAt: '2026-11-23T09:00:00.000Z' },
    ]);
    expect(webhook.received[0]).toMatchObject({ path: '/hooks/lintel-s3cr3t?token=t0k3n', headers: { 'content-type': 'application/json', 'idempotency-key': id } });
  });

  it('delivers once to a webhook that fails twice: tried again 1 s, then 2 s later', async () => {
    webhook.answerNext(500, 503);
    const id = crypto.randomUUID();
    await report('demo', { id, kind: 'screen' });
    await tries(1);
    clock.advance(999);
    await settle();
    expect(webhook.received).toHaveLength(1);
    clock.advance(1);
    await tries(2);
    clock.advance(2_000);
    expect(await deliveredOnce('the alert after two failures')).toMatchObject([{ id }]);
    clock.advance(60 * 60_000);
    await settle();
    expect(webhook.received.map((post) => post.status)).toEqual([500, 503, 204]);
  });

  it("warns on the admin page once the webhook failed three times, without the URL's secret, until it takes the alert", async () => {
    webhook.answerNext(500, 500, 500);
    await report('demo', { id: crypto.randomUUID(), kind: 'climate' });
    await tries(1);
    clock.advance(1_000);
    await tries(2);
    expect(await warnings()).toEqual([]);
    clock.advance(2_000);
    await tries(3);
    expect(await warnings()).toMatchObject([{ code: 'alert-webhook-failing', message: expect.stringContaining('http://127.0.0.1') }]);
    expect(JSON.stringify(await warnings())).not.toMatch(/s3cr3t|t0k3n/);
    clock.advance(4_000);
    await deliveredOnce('the alert after three failures');
    expect(await warnings()).toEqual([]);
  });

  it('lists a problem on the admin API whatever the webhook does', async () => {
    webhook.answerNext(500);
    const id = crypto.randomUUID();
    await report('demo', { id, kind: 'other', note: 'Door handle loose' });
    expect(await problems()).toMatchObject([{ id, note: 'Door handle loose', resolvedAt: null }]);
  });
});
