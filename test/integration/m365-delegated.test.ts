import { afterEach, describe, expect, it } from 'vitest';
import { AccountCalendars, AdminStatus } from '../../shared/admin-api.ts';
import { connectAccount } from '../support/account-connect.ts';
import { adminRequest } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { timed } from '../support/meetings.ts';
import { TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

/** The service account the room calendars are shared with, as the LibCal flow has it. */
const ACCOUNT = 'lintel-rooms@contoso.example';
const PERSON = 'ada@contoso.example';
const HARBOUR = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const LOFT = { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example' };
const HOUR = 3600_000;

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A bridge with delegated permissions; the account organizes walk-up bookings, and Harbour's calendar is shared with it. */
async function start(): Promise<M365Bridge> {
  const clock = new FakeClock('2026-11-23T08:00:00Z');
  const m365 = await startM365Bridge({ clock, rooms: [HARBOUR, LOFT], permissions: 'delegated', serviceMailbox: ACCOUNT });
  running.push(m365);
  m365.tenant.addUser({ displayName: 'Lintel Rooms', userPrincipalName: ACCOUNT });
  m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  m365.tenant.shareCalendar(HARBOUR.mailbox, ACCOUNT, 'write');
  await m365.settle();
  return m365;
}

async function status(m365: M365Bridge): Promise<AdminStatus> {
  return AdminStatus.parse((await adminRequest(m365.bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body);
}

const warnings = async (m365: M365Bridge) => (await status(m365)).warnings.map((w) => (w.roomId ? `${w.code}@${w.roomId}` : w.code)).sort();
const subjects = (m365: M365Bridge, roomId: string) => m365.state(roomId).events.map((e) => e.subject);
const ownBookings = (m365: M365Bridge) => m365.tenant.eventsOf(ACCOUNT).filter((e) => e.subject === 'Walk-up booking');

describe('Microsoft 365 with delegated permissions: a Microsoft account the room calendars are shared with', () => {
  it('asks for an account until one is connected, then syncs the shared calendar and books exactly once', async () => {
    const m365 = await start();
    expect(await status(m365)).toMatchObject({ connection: { state: 'not-connected', reason: 'no-account' }, access: { mode: 'delegated', account: null }, credential: null });

    expect(Object.fromEntries(await connectAccount(m365, ACCOUNT))).toEqual({ account: 'connected' });
    const connected = await status(m365);
    expect(connected.access).toMatchObject({ mode: 'delegated', account: { username: ACCOUNT, connectedBy: 'local admin token' } });
    expect(connected.audit[0]?.event).toEqual({ action: 'connect-account', account: ACCOUNT });
    expect(connected.connection).toEqual({ state: 'connected' });

    m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [HARBOUR.mailbox] });
    await m365.advance(15_000);
    expect(subjects(m365, HARBOUR.id)).toEqual(['Design review']);

    m365.act(HARBOUR.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(30_000);
    expect(ownBookings(m365)).toHaveLength(1);
    expect(subjects(m365, HARBOUR.id)).toEqual(['Walk-up booking', 'Design review']);
    // Loft's calendar is not shared with the account: the admin is told what to do.
    expect(await warnings(m365)).toEqual(['calendar-not-shared@loft']);
  });

  it('lists the calendars the account reaches, with the room each is linked to', async () => {
    const m365 = await start();
    await connectAccount(m365, ACCOUNT);
    const { calendars } = AccountCalendars.parse((await adminRequest(m365.bridge.url, 'GET', '/m365/calendars', { token: TEST_ADMIN_TOKEN })).body);
    expect(calendars.map((c) => [c.owner.address, c.canEdit, c.isDefault, c.roomId]).sort()).toEqual([
      [HARBOUR.mailbox, true, true, HARBOUR.id],
      [ACCOUNT, true, true, null],
    ]);
  });

  it('says "reconnect the account" when Microsoft revokes its refresh token, keeps walk-up bookings meanwhile, and sends them once reconnected', async () => {
    const m365 = await start();
    await connectAccount(m365, ACCOUNT);
    await m365.advance(15_000);
    m365.tenant.revokeSignInSessions(ACCOUNT);
    // The access token had lives its hour; then the refresh token is refused.
    await m365.advance(HOUR + 30_000, 15_000);
    expect(await warnings(m365)).toContain('account-reconnect-needed');
    expect((await status(m365)).connection).toMatchObject({ state: 'broken', reason: 'account-reconnect-needed' });

    m365.act(HARBOUR.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(30_000);
    expect(subjects(m365, HARBOUR.id)).toEqual(['Walk-up booking']);
    expect(ownBookings(m365)).toHaveLength(0);

    expect(Object.fromEntries(await connectAccount(m365, ACCOUNT))).toEqual({ account: 'connected' });
    await m365.integration.flushOutbox();
    await m365.advance(30_000);
    expect(ownBookings(m365)).toHaveLength(1);
    expect(subjects(m365, HARBOUR.id)).toEqual(['Walk-up booking']);
    expect(await warnings(m365)).not.toContain('account-reconnect-needed');
  });

  it('asks for a new sign-in when Conditional Access or MFA wants one', async () => {
    const m365 = await start();
    await connectAccount(m365, ACCOUNT);
    await m365.advance(15_000);
    m365.tenant.requireInteraction(ACCOUNT, 50076);
    await m365.advance(HOUR + 30_000, 15_000);
    const warning = (await status(m365)).warnings.find((w) => w.code === 'account-reconnect-needed');
    expect(warning?.message).toMatch(/AADSTS50076/);
  });

  it('refuses a callback the browser did not start, and connects nothing', async () => {
    const m365 = await start();
    expect(Object.fromEntries(await connectAccount(m365, ACCOUNT, { cookie: false }))).toMatchObject({ account: 'failed', error: 'unauthorized' });
    expect((await status(m365)).access).toMatchObject({ account: null });
  });

  it("exports a newly linked room's walk-up bookings as the account, each exactly once", async () => {
    const m365 = await start();
    await connectAccount(m365, ACCOUNT);
    m365.tenant.shareCalendar(LOFT.mailbox, ACCOUNT, 'write');
    // Loft ran on local bookings before it was linked (its link is cut here, then made again on the admin page).
    await adminRequest(m365.bridge.url, 'DELETE', `/rooms/${LOFT.id}/microsoft-365`, { token: TEST_ADMIN_TOKEN });
    for (let i = 0; i < 6; i++) {
      const start = Date.parse('2026-11-23T10:00:00Z') + i * HOUR;
      m365.store.saveMeeting(timed(new Date(start).toISOString(), new Date(start + 30 * 60_000).toISOString(), { roomId: LOFT.id, id: `walk-up-${i}`, origin: 'walk-up' }));
    }
    const linked = await adminRequest(m365.bridge.url, 'PUT', `/rooms/${LOFT.id}/microsoft-365`, { token: TEST_ADMIN_TOKEN, body: { mailbox: LOFT.mailbox } });
    expect(linked.status).toBe(200);
    expect(await m365.integration.exportFutureBookings(LOFT.id)).toEqual({ ok: true, data: { total: 6, exported: 6, refused: [] } });
    expect(m365.tenant.eventsOf(ACCOUNT)).toHaveLength(6);
    expect(await m365.integration.exportFutureBookings(LOFT.id)).toMatchObject({ ok: true, data: { total: 0 } });
    expect(m365.tenant.eventsOf(ACCOUNT)).toHaveLength(6);
  });

  it('removes the authorization: token gone, every room on local bookings with every meeting kept', async () => {
    const m365 = await start();
    await connectAccount(m365, ACCOUNT);
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [HARBOUR.mailbox] });
    await m365.advance(15_000);
    const removed = AdminStatus.parse((await adminRequest(m365.bridge.url, 'DELETE', '/m365/account', { token: TEST_ADMIN_TOKEN })).body);
    expect(removed).toMatchObject({ access: { mode: 'delegated', account: null }, connection: { state: 'not-connected', reason: 'no-account' } });
    expect(removed.rooms.map((room) => room.microsoft365)).toEqual([null, null]);
    expect(removed.audit[0]?.event).toEqual({ action: 'remove-account', account: ACCOUNT, rooms: 2 });
    expect(subjects(m365, HARBOUR.id)).toEqual(['Design review']);
    await m365.advance(60_000, 15_000);
    expect(subjects(m365, HARBOUR.id)).toEqual(['Design review']);
  });
});
