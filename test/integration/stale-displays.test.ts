import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminStatus, ForgetStaleResult } from '../../shared/admin-api.ts';
import { DAY_MS } from '../../shared/clock.ts';
import { adminRequest, auditTrail, documented, pairingDisplay, type PairingDisplay } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson } from '../support/http.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import type { TestSocket } from '../support/socket-client.ts';

let clock: FakeClock;
let bridge: TestBridge;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  clock = new FakeClock('2026-11-23T10:00:00+01:00');
  bridge = await startTestBridge({ clock, rooms: [{ id: 'harbour', name: 'Harbour', access: 'paired' }] });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

/** A display linked to Harbour by an admin with the code it shows, watching it. */
async function pairedDisplay(): Promise<PairingDisplay> {
  const display = await pairingDisplay(bridge.url);
  sockets.push(display.socket);
  const { code } = await display.code();
  expect((await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: 'harbour' } } })).status).toBe(200);
  expect(await display.watch()).toMatchObject({ ok: true });
  return display;
}

/** Gone from the network: its socket closes, and the bridge counts it offline. */
async function switchedOff(display: PairingDisplay): Promise<void> {
  display.socket.disconnect();
  await expect.poll(async () => (await displaysNow()).find((each) => each.id === display.displayId)?.online).toBe(false);
}

const displaysNow = async () => documented(AdminStatus, (await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body).displays;
const forgetStale = (options: { token?: string; body?: unknown } = { token: TEST_ADMIN_TOKEN }) => adminRequest(bridge.url, 'POST', '/displays/forget-stale', options);

describe('forgetting stale displays', () => {
  it('counts a display connected all along as seen every hour, so a bridge process not holding its socket never takes it for stale', async () => {
    const display = await pairedDisplay();
    clock.advance(31 * DAY_MS);
    const [listed] = await displaysNow();
    expect(listed).toMatchObject({ id: display.displayId, online: true, staleDays: null });
    // What every process reads from the shared store: seen within the hour, not 31 days ago.
    expect(clock.now() - Date.parse(listed!.lastSeenAt)).toBeLessThanOrEqual(60 * 60_000);
    await switchedOff(display);
    expect(documented(ForgetStaleResult, (await forgetStale()).body).forgotten).toEqual([]);
  });

  it('forgets each display offline from its 30th day unseen, as Forget does (credential refused, audited one by one), never one online', async () => {
    const gone = await pairedDisplay();
    const alsoGone = await pairedDisplay();
    const stillOn = await pairedDisplay();
    await switchedOff(gone);
    await switchedOff(alsoGone);
    const credential = gone.credential()!;
    // Seen a moment later: at the cut-off it is a moment short of 30 days.
    clock.advance(1);
    const lately = await pairedDisplay();
    await switchedOff(lately);

    clock.advance(30 * DAY_MS - 1);
    const listed = new Map((await displaysNow()).map((display) => [display.id, display.staleDays]));
    expect(Object.fromEntries([gone, alsoGone, stillOn, lately].map((display) => [display.displayId, listed.get(display.displayId)]))).toEqual({
      [gone.displayId]: 30,
      [alsoGone.displayId]: 30,
      [stillOn.displayId]: null,
      [lately.displayId]: null,
    });

    const answer = await forgetStale();
    expect(answer.status).toBe(200);
    expect(documented(ForgetStaleResult, answer.body).forgotten.sort()).toEqual([gone.displayId, alsoGone.displayId].sort());
    expect((await displaysNow()).map((display) => display.id).sort()).toEqual([stillOn.displayId, lately.displayId].sort());
    expect(await getJson(`${bridge.url}/api/rooms/harbour/state`, { authorization: `Bearer ${credential}` })).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    const forgets = (await auditTrail(bridge.url)).filter((entry) => entry.action === 'forget');
    expect(forgets).toEqual(
      expect.arrayContaining([gone, alsoGone].map((display) => ({ actor: 'local admin token', action: 'forget', display: display.displayId.slice(0, 8), room: 'Harbour' }))),
    );
    expect(forgets).toHaveLength(2);

    // Nothing stale is left: none forgotten, nothing audited.
    expect(documented(ForgetStaleResult, (await forgetStale()).body)).toEqual({ forgotten: [] });
    expect((await auditTrail(bridge.url)).filter((entry) => entry.action === 'forget')).toHaveLength(2);
  });

  it('refuses a request without the admin token, or with a body asking for anything, and forgets nothing', async () => {
    const gone = await pairedDisplay();
    await switchedOff(gone);
    clock.advance(45 * DAY_MS);
    expect(await forgetStale({})).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    for (const body of [{ days: 7 }, { ids: [gone.displayId] }, {}]) {
      expect(await forgetStale({ token: TEST_ADMIN_TOKEN, body })).toMatchObject({ status: 400, body: { code: 'invalid-input', message: expect.stringContaining('takes no input') } });
    }
    expect((await displaysNow()).map((display) => [display.id, display.staleDays])).toEqual([[gone.displayId, 45]]);
    expect((await auditTrail(bridge.url)).filter((entry) => entry.action === 'forget')).toEqual([]);
  });
});
