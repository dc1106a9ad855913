import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { clientOf } from '../../bridge/src/limits/client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { SERVICE_MAILBOX, startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(clock: FakeClock, options: Partial<Parameters<typeof startM365Bridge>[0]> = {}): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock, rooms: [ROOM], ...options });
  running.push(m365);
  if (!m365.tenant.mailbox(PERSON)) m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  return m365;
}

function state(m365: M365Bridge): RoomState {
  return m365.state(ROOM.id);
}

function subjects(m365: M365Bridge): string[] {
  return state(m365).events.map((e) => e.subject).sort();
}

describe('Microsoft 365: the room calendar reaches the display', () => {
  it('shows the room calendar after the first sync, in the room zone, with all-day events as dates', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await start(clock);
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Offsite', start: '2026-11-24', end: '2026-11-25', allDay: true, rooms: [ROOM.mailbox] });
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [ROOM.mailbox] });
    expect(state(m365).syncedAt).not.toBeNull();

    await m365.integration.syncNow(ROOM.id);
    const now = state(m365);
    const week = m365.store.meetingsBetween(ROOM.id, Date.parse('2026-11-23T00:00:00Z'), Date.parse('2026-11-26T00:00:00Z'));
    expect(week.map((e) => [e.subject, e.organizer, e.start, e.end])).toEqual(
      expect.arrayContaining([
        ['Design review', 'Ada Lovelace', '2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00.000Z'],
        ['Offsite', 'Ada Lovelace', '2026-11-24', '2026-11-25'],
      ]),
    );
    expect(now.events.map((e) => e.subject)).toEqual(['Design review']);
    expect(now.syncedAt).toBe('2026-11-23T08:00:00.000Z');
    expect(now.status).toBe('available');
  });

  it('follows changes and cancellations made in Outlook within one sync period', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await start(clock);
    const review = m365.tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(subjects(m365)).toEqual(['Design review']);

    m365.tenant.updateMeeting(PERSON, review.id, { subject: 'Design review (moved)', start: '2026-11-23T11:00:00Z', end: '2026-11-23T12:00:00Z' });
    const standup = m365.tenant.scheduleMeeting(PERSON, { subject: 'Stand-up', start: '2026-11-23T08:30:00Z', end: '2026-11-23T08:45:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(state(m365).events.map((e) => [e.subject, e.start])).toEqual([
      ['Stand-up', '2026-11-23T08:30:00.000Z'],
      ['Design review (moved)', '2026-11-23T11:00:00.000Z'],
    ]);

    m365.tenant.cancelMeeting(PERSON, standup.id);
    await m365.advance(15_000);
    expect(subjects(m365)).toEqual(['Design review (moved)']);
    const changedAt = state(m365).updatedAt;

    await m365.advance(30_000);
    // Two rounds that changed nothing: the schedule was confirmed, not changed.
    expect(state(m365).updatedAt).toBe(changedAt);
    expect(Date.parse(state(m365).syncedAt!) - Date.parse(changedAt)).toBeGreaterThanOrEqual(15_000);
  });
});

describe('Microsoft 365: walk-up bookings reach Exchange', () => {
  it('books through the service mailbox with the room as a resource attendee; the room accepts and the display keeps its booking', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await start(clock);
    await m365.integration.syncNow(ROOM.id);

    const booked = m365.bridge.rooms.applyAction(ROOM.id, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 }, clientOf({ address: '192.0.2.10' }));
    expect(booked.ok).toBe(true);
    await m365.integration.flushOutbox();
    const organizerCopies = m365.tenant.eventsOf(SERVICE_MAILBOX);
    expect(organizerCopies).toHaveLength(1);
    expect(organizerCopies[0]!.attendees).toEqual([expect.objectContaining({ type: 'resource', status: expect.objectContaining({ response: 'accepted' }) })]);

    await m365.advance(15_000);
    const roomCopies = m365.tenant.eventsOf(ROOM.mailbox);
    expect(roomCopies).toHaveLength(1);
    expect(roomCopies[0]!.iCalUId).toBe(organizerCopies[0]!.iCalUId);
    const events = state(m365).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ origin: 'walk-up', start: '2026-11-23T08:00:00.000Z', end: '2026-11-23T08:30:00.000Z' });
    expect(state(m365).status).toBe('busy');
  });
});
