import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { SERVICE_MAILBOX, startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(options: Partial<Parameters<typeof startM365Bridge>[0]> = {}): Promise<M365Bridge> {
  const clock = options.clock ?? new FakeClock('2026-11-23T08:00:00Z');
  const m365 = await startM365Bridge({ clock, rooms: [ROOM], ...options });
  running.push(m365);
  await m365.settle();
  return m365;
}

const codes = (m365: M365Bridge) => m365.integration.status().warnings.map((w) => (w.roomId ? `${w.code}@${w.roomId}` : w.code));

describe('Microsoft 365: what is wrong is shown with its fix, and cleared when fixed', () => {
  it('a disabled, then deleted service principal, and withdrawn consent', async () => {
    const m365 = await start();
    await m365.advance(15_000);
    expect(codes(m365)).toEqual([]);

    m365.app.servicePrincipal = 'disabled';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['service-principal-disabled']);
    expect(m365.integration.status().warnings[0]!.message).toContain('AADSTS7000112');

    m365.app.servicePrincipal = 'deleted';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['service-principal-deleted']);

    m365.app.servicePrincipal = 'enabled';
    m365.app.adminConsented = false;
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['consent-withdrawn']);
    expect(m365.integration.status().warnings[0]!.message).toContain('no roles claim');

    m365.app.adminConsented = true;
    await m365.advance(15_000);
    expect(codes(m365)).toEqual([]);
  });

  it('an expired client secret', async () => {
    const m365 = await start({ secretEndDateTime: '2026-11-01T00:00:00Z' });
    await m365.advance(15_000);
    expect(codes(m365)).toContain('credential-expired');
    expect(m365.state(ROOM.id).syncedAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('consent missing: Graph refusing the token without roles is no room problem, and a walk-up booking waits for consent instead of being taken back', async () => {
    const m365 = await start();
    m365.app.adminConsented = false;
    await m365.advance(15_000);
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['consent-withdrawn']);
    expect(m365.state(ROOM.id).events).toHaveLength(1);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toEqual([]);

    m365.app.adminConsented = true;
    await m365.advance(60_000);
    expect(codes(m365)).toEqual([]);
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toHaveLength(1);
    expect(m365.state(ROOM.id).events).toHaveLength(1);
  });

  it('a room mailbox an application access policy, or RBAC for Applications, leaves out, per room', async () => {
    const m365 = await start();
    m365.tenant.room(ROOM.mailbox)!.unreachable = 'access-denied';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['room-access-policy@harbour']);
    expect(m365.integration.status().warnings[0]!.message).toContain('Access to OData is disabled');

    m365.tenant.room(ROOM.mailbox)!.unreachable = 'outside-rbac-scope';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['room-access-policy@harbour']);

    delete m365.tenant.room(ROOM.mailbox)!.unreachable;
    await m365.advance(15_000);
    expect(codes(m365)).toEqual([]);
  });

  it('a room mailbox Graph cannot serve (not in Exchange Online), told from one that is not there, the latest refusal replacing the earlier', async () => {
    const m365 = await start();
    m365.tenant.room(ROOM.mailbox)!.unreachable = 'not-found';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['room-calendar-unreachable@harbour']);

    m365.tenant.room(ROOM.mailbox)!.unreachable = 'rest-not-enabled';
    await m365.advance(15_000);
    expect(codes(m365)).toEqual(['room-mailbox-not-enabled@harbour']);
    expect(m365.integration.status().warnings[0]!.message).toContain('MailboxNotEnabledForRESTAPI');

    delete m365.tenant.room(ROOM.mailbox)!.unreachable;
    await m365.advance(15_000);
    expect(codes(m365)).toEqual([]);
  });

  it('a walk-up booking the room mailbox is refused for by RBAC for Applications: the room shows the scope, the booking is taken back', async () => {
    const m365 = await start({ rooms: [{ ...ROOM, bookings: 'room-calendar' }] });
    m365.tenant.room(ROOM.mailbox)!.unreachable = 'outside-rbac-scope';
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    expect(codes(m365)).toEqual(['room-access-policy@harbour']);
    expect(m365.state(ROOM.id).events).toEqual([]);

    delete m365.tenant.room(ROOM.mailbox)!.unreachable;
    await m365.advance(15_000);
    expect(codes(m365)).toEqual([]);
  });

  it("ending a meeting in a room mailbox Graph cannot serve (404 MailboxNotEnabledForRESTAPI) is shown, not taken for the meeting being gone", async () => {
    const m365 = await start();
    m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: 'ada@contoso.example' });
    m365.tenant.scheduleMeeting('ada@contoso.example', { subject: 'Design review', start: '2026-11-23T07:30:00Z', end: '2026-11-23T09:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    m365.tenant.room(ROOM.mailbox)!.unreachable = 'rest-not-enabled';
    m365.act(ROOM.id, { type: 'end-now' });
    await m365.integration.flushOutbox();
    expect(codes(m365)).toEqual(['room-mailbox-not-enabled@harbour']);
  });

  it('a walk-up booking the service mailbox is refused for: the warning names the service mailbox, the one to put in scope', async () => {
    const m365 = await start();
    m365.tenant.mailbox(SERVICE_MAILBOX)!.unreachable = 'outside-rbac-scope';
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    const [warning] = m365.integration.status().warnings;
    expect(warning).toMatchObject({ code: 'room-access-policy', roomId: ROOM.id, message: expect.stringMatching(new RegExp(`^${SERVICE_MAILBOX}: ErrorAccessDenied`)) });
  });

  it('a room whose calendar processing replaces subjects with the organizer name; the display keeps the booking subject', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const tenant = new EmulatedTenant(undefined, () => clock.now());
    tenant.addRoom({ displayName: ROOM.name, emailAddress: ROOM.mailbox, calendarProcessing: { deleteSubject: true, addOrganizerToSubject: true } });
    const m365 = await start({ clock, tenant });
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    expect(m365.tenant.eventsOf(ROOM.mailbox).map((e) => e.subject)).toEqual(['Lintel Bookings']);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Walk-up booking']);
    expect(codes(m365)).toEqual(['subjects-replaced@harbour']);
  });

  it('a room that never answers booking requests', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const tenant = new EmulatedTenant(undefined, () => clock.now());
    tenant.addRoom({ displayName: ROOM.name, emailAddress: ROOM.mailbox, calendarProcessing: { autoAccept: false } });
    const m365 = await start({ clock, tenant });
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(4 * 60_000, 5000);
    expect(codes(m365)).toEqual([]);
    await m365.advance(2 * 60_000, 5000);
    expect(codes(m365)).toEqual(['room-not-auto-accepting@harbour']);
    expect(m365.state(ROOM.id).events).toHaveLength(1);
  });
});
