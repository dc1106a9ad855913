import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import { EmulatedTenant, type CalendarProcessing } from '../graph-emulator/tenant.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(calendarProcessing: Partial<CalendarProcessing>): Promise<M365Bridge> {
  const clock = new FakeClock('2026-11-23T08:00:00Z');
  const tenant = new EmulatedTenant(undefined, () => clock.now());
  tenant.addRoom({ displayName: ROOM.name, emailAddress: ROOM.mailbox, calendarProcessing });
  tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  const m365 = await startM365Bridge({ clock, tenant, rooms: [ROOM] });
  running.push(m365);
  await m365.settle();
  return m365;
}

const warnings = (m365: M365Bridge) => m365.integration.status().warnings.map((w) => w.code);

describe('Microsoft 365: how the room answers', () => {
  it('takes a tentative answer (a request waiting for the room delegate) as an answer: the booking stays and no warning says the room is silent', async () => {
    const m365 = await start({ answerTentatively: true });
    m365.act(ROOM.id, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    await m365.advance(6 * 60_000, 5000);
    const organizers = m365.tenant.eventsOf('lintel-bookings@contoso.example');
    expect(organizers[0]?.attendees.find((a) => a.emailAddress.address === ROOM.mailbox)?.status.response).toBe('tentativelyAccepted');
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Walk-up booking']);
    expect(warnings(m365)).toEqual([]);
  });

  it('drops a meeting its organizer cancelled that the room keeps on its calendar marked isCancelled', async () => {
    const m365 = await start({ removeCanceledMeetings: false });
    const review = m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Design review']);

    m365.tenant.cancelMeeting(PERSON, review.id);
    await m365.advance(15_000);
    expect(m365.tenant.eventsOf(ROOM.mailbox).map((e) => [e.subject, e.isCancelled])).toEqual([['Design review', true]]);
    expect(m365.state(ROOM.id).events).toEqual([]);
  });
});

describe("Microsoft 365: a meeting someone else organized", () => {
  it('is not extended from the room (the display offers no extension, and the bridge refuses one with the reason)', async () => {
    const m365 = await start({});
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T07:30:00Z', end: '2026-11-23T08:30:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).current).toMatchObject({ subject: 'Design review', organizedElsewhere: true });
    expect(() => m365.act(ROOM.id, { type: 'extend', minutes: 15 })).toThrow(/^organized-elsewhere: This meeting was booked by Ada Lovelace/);
    await m365.integration.flushOutbox();
    expect(m365.tenant.eventsOf(PERSON).map((e) => new Date(e.end).toISOString())).toEqual(['2026-11-23T08:30:00.000Z']);
  });

  it('is ended from the room by the room declining it, never by changing the room copy: the organizer sees the room gave its time back', async () => {
    const m365 = await start({});
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T07:30:00Z', end: '2026-11-23T08:30:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    m365.act(ROOM.id, { type: 'end-now' });
    expect(m365.state(ROOM.id).status).toBe('available');
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    const [organizers] = m365.tenant.eventsOf(PERSON);
    expect(organizers?.attendees.find((a) => a.emailAddress.address === ROOM.mailbox)?.status.response).toBe('declined');
    expect(new Date(organizers!.end).toISOString()).toBe('2026-11-23T08:30:00.000Z');
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toEqual([]);
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', current: null });
  });
});
