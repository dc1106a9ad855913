import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365Bridge, type M365RoomSpec } from '../support/m365-bridge.ts';

const ROOM: M365RoomSpec = {
  id: 'harbour',
  name: 'Harbour',
  mailbox: 'harbour@contoso.example',
  timeZone: 'Europe/Amsterdam',
  settings: { checkIn: { required: true, releaseNoShows: true, strikes: 2 } },
};
const PERSON = 'ada@contoso.example';
const HOUR = 3600_000;
/** Mondays 10:00–11:00 in Amsterdam, four times from 23 November 2026, booked by Ada in Outlook with the room. */
const WEEKLY_SYNC = {
  subject: 'Weekly sync',
  start: '2026-11-23T09:00:00Z',
  end: '2026-11-23T10:00:00Z',
  rooms: [ROOM.mailbox],
  recurrence: { pattern: { type: 'weekly' as const, interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered' as const, startDate: '2026-11-23', numberOfOccurrences: 4 } },
};
const DECLINE_COMMENT = 'Released by Lintel: nobody checked in to the last 2 occurrences in Harbour. Book again if you still need the room.';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock('2026-11-23T08:40:00Z'), rooms: [ROOM] });
  running.push(m365);
  m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  m365.tenant.scheduleMeeting(PERSON, WEEKLY_SYNC);
  await m365.integration.syncNow(ROOM.id);
  return m365;
}

/** Lets the days pass to `instant`, a sync round at least every 8 hours, as the bridge's own timers run them. */
const until = (m365: M365Bridge, instant: string) => m365.advance(Date.parse(instant) - m365.clock.now(), 8 * HOUR);

/** Ada's copies of the series' occurrences, and how the room answered each. */
const roomAnswers = (m365: M365Bridge) =>
  m365.tenant
    .eventsOf(PERSON)
    .filter((event) => event.type === 'occurrence')
    .map((event) => event.attendees.find((attendee) => attendee.emailAddress.address === ROOM.mailbox)?.status.response);

const strikes = (trail: Awaited<ReturnType<typeof auditTrail>>) =>
  trail.map((fact) => (fact.action === 'no-show-strike' ? `strike ${fact.strike} of ${fact.of}` : fact.action === 'series-released' ? `released: ${fact.release.outcome}` : fact.action));

describe('Microsoft 365: no-show strikes of a recurring meeting', () => {
  it("declines a series from the room's calendar after two no-shows in a row, telling its organizer why, and the room is free the week after", { timeout: 60_000 }, async () => {
    const m365 = await start();
    expect(m365.state(ROOM.id).next.map((meeting) => meeting.subject)).toEqual(['Weekly sync']);

    await until(m365, '2026-11-23T09:11:00Z');
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', current: null });
    expect(roomAnswers(m365)).toEqual(['declined', 'accepted', 'accepted', 'accepted']);
    expect(await auditTrail(m365.bridge.url)).toEqual([{ actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', strike: 1, of: 2 }]);

    await until(m365, '2026-11-30T09:05:00Z');
    expect(m365.state(ROOM.id).current).toMatchObject({ subject: 'Weekly sync' });
    await until(m365, '2026-11-30T09:11:00Z');
    expect(roomAnswers(m365)).toEqual(['declined', 'declined', 'declined', 'declined']);
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toEqual([]);
    expect(m365.tenant.responsesTo(PERSON).at(-1)).toMatchObject({ from: { address: ROOM.mailbox }, subject: 'Declined: Weekly sync', comment: DECLINE_COMMENT });
    expect((await auditTrail(m365.bridge.url)).slice(1)).toEqual([
      { actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', strike: 2, of: 2 },
      { actor: 'Lintel', action: 'series-released', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', noShows: 2, release: { outcome: 'declined' } },
    ]);

    await until(m365, '2026-12-07T09:05:00Z');
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', current: null, events: [] });
    expect(m365.integration.status().outboxDepth).toBe(0);
  });

  it('keeps a series whose no-shows are broken by a check-in', { timeout: 60_000 }, async () => {
    const m365 = await start();
    await until(m365, '2026-11-23T09:11:00Z');
    await until(m365, '2026-11-30T09:02:00Z');
    expect(m365.act(ROOM.id, { type: 'check-in' })).toMatchObject({ status: 'busy', current: { subject: 'Weekly sync' } });
    await until(m365, '2026-12-07T09:11:00Z');
    expect(strikes(await auditTrail(m365.bridge.url))).toEqual(['strike 1 of 2', 'strike 1 of 2']);
    expect(roomAnswers(m365)).toEqual(['declined', 'accepted', 'declined', 'accepted']);

    await until(m365, '2026-12-14T09:05:00Z');
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'awaiting-check-in', current: { subject: 'Weekly sync' } });
  });
});
