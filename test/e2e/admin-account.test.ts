import { describe, expect, it } from 'vitest';
import { openAdmin, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365RoomSpec } from '../support/m365-bridge.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const session = useChromium();
/** The service account the room calendars are shared with; it also organizes walk-up bookings. */
const ACCOUNT = 'lintel-rooms@contoso.example';
const PERSON = 'ada@contoso.example';
// In a zone where it is midday: the meeting an hour ahead is today's, whenever the test runs.
const HARBOUR: M365RoomSpec = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example', timeZone: zoneAtMidday(Date.now()) };
const LOFT: M365RoomSpec = { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example', unlinked: true, timeZone: HARBOUR.timeZone };
const HOUR = 3600_000;

describe('the admin page with delegated permissions', () => {
  it('connects a Microsoft account, links a room to a calendar shared with it, books once, reconnects after Microsoft revoked it, and loses nothing', async () => {
    const clock = new FakeClock(Date.now());
    const m365 = await startM365Bridge({ clock, rooms: [HARBOUR, LOFT], permissions: 'delegated', serviceMailbox: ACCOUNT, webDir: BUILT_WEB_DIR });
    session.defer(() => m365.close());
    m365.tenant.addUser({ displayName: 'Lintel Rooms', userPrincipalName: ACCOUNT });
    m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
    for (const room of [HARBOUR, LOFT]) m365.tenant.shareCalendar(room.mailbox, ACCOUNT, 'write');
    m365.tenant.signInAs(ACCOUNT);

    const { page, problems } = await openAdmin(session, `${m365.bridge.url}/admin/`);
    await signInWithToken(page);
    const account = page.getByRole('region', { name: 'Microsoft account' });
    await account.getByRole('button', { name: 'Connect with a Microsoft account' }).click();
    await page.getByText(`Connected as Lintel Rooms (${ACCOUNT})`).waitFor();
    await expect.poll(() => account.getByRole('textbox', { name: 'Redirect URI' }).inputValue()).toBe(`${m365.bridge.url}/api/admin/m365/callback`);
    // The bridge cannot read its own application here: the page says who keeps its credential current, rather than that there is none.
    await page.getByText('With delegated permissions the bridge cannot read or renew', { exact: false }).waitFor();

    // Pick Loft's calendar for the bridge's local room Loft.
    const calendars = page.getByRole('region', { name: 'Calendars the account can use' });
    const loft = calendars.getByRole('listitem').filter({ hasText: LOFT.mailbox });
    await loft.getByRole('combobox', { name: 'Room to link' }).selectOption(LOFT.id);
    await loft.getByRole('button', { name: /^Link the calendar of / }).click();
    await page.getByText('Linked: Loft now shows this calendar.').waitFor();
    expect(m365.store.getRoom(LOFT.id)?.microsoft365?.mailbox).toBe(LOFT.mailbox);

    const start = new Date(clock.now() + HOUR).toISOString();
    const end = new Date(clock.now() + 2 * HOUR).toISOString();
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Roadmap', start, end, rooms: [LOFT.mailbox] });
    // Within two sync periods (15 s each, with jitter).
    await m365.advance(30_000);
    expect(m365.state(LOFT.id).events.map((e) => e.subject)).toEqual(['Roadmap']);
    m365.act(LOFT.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    const booked = () => m365.tenant.eventsOf(ACCOUNT).filter((e) => e.subject === 'Walk-up booking').length;
    expect(booked()).toBe(1);

    // Microsoft revokes the account's sessions: once its access token has lived its hour, sync stops and the page says so.
    m365.tenant.revokeSignInSessions(ACCOUNT);
    await m365.advance(HOUR + 30_000, 15_000);
    await page.getByRole('button', { name: 'Check status' }).click();
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await attention.getByText('The bridge can no longer sign in as the Microsoft account', { exact: false }).waitFor();
    m365.act(HARBOUR.id, { type: 'book-now', minutes: 15 });
    await m365.integration.flushOutbox();
    expect(m365.state(HARBOUR.id).events.map((e) => e.subject)).toEqual(['Walk-up booking']);

    await attention.getByRole('button', { name: 'Reconnect' }).click();
    await page.getByText(`Connected as Lintel Rooms (${ACCOUNT})`).waitFor();
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    await page.getByRole('button', { name: 'Check status' }).click();
    await expect.poll(() => attention.getByText('The bridge can no longer sign in', { exact: false }).count()).toBe(0);
    expect(booked()).toBe(2);
    expect(m365.state(LOFT.id).events.map((e) => e.subject).sort()).toEqual(['Roadmap', 'Walk-up booking']);
    expect(m365.state(HARBOUR.id).events.map((e) => e.subject)).toEqual(['Walk-up booking']);
    expect(problems).toEqual([]);
  });
});
