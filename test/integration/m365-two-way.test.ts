import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { SERVICE_MAILBOX, startM365Bridge, type M365Bridge, type M365RoomSpec } from '../support/m365-bridge.ts';

const ROOM: M365RoomSpec = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(options: Partial<Parameters<typeof startM365Bridge>[0]> & { room?: Partial<M365RoomSpec> } = {}): Promise<M365Bridge> {
  const clock = options.clock ?? new FakeClock('2026-11-23T08:00:00Z');
  const m365 = await startM365Bridge({ clock, rooms: [{ ...ROOM, ...options.room }], ...options });
  running.push(m365);
  m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  await m365.integration.syncNow(ROOM.id);
  return m365;
}

const act = (m365: M365Bridge, action: Parameters<M365Bridge['act']>[1]) => m365.act(ROOM.id, action);

const times = (events: { start: number; end: number }[]) => events.map((e) => [new Date(e.start).toISOString(), new Date(e.end).toISOString()]);

describe('Microsoft 365: walk-up changes are written to Exchange', () => {
  it('extends and ends a walk-up booking through its organizer, and the room copy follows', async () => {
    const m365 = await start();
    act(m365, { type: 'book-now', minutes: 30 });
    await m365.integration.flushOutbox();
    act(m365, { type: 'extend', minutes: 15 });
    await m365.integration.flushOutbox();
    expect(times(m365.tenant.eventsOf(SERVICE_MAILBOX))).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T08:45:00.000Z']]);
    expect(times(m365.tenant.eventsOf(ROOM.mailbox))).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T08:45:00.000Z']]);

    await m365.advance(10 * 60_000, 5000);
    act(m365, { type: 'end-now' });
    await m365.integration.flushOutbox();
    expect(times(m365.tenant.eventsOf(ROOM.mailbox))).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T08:10:00.000Z']]);
    await m365.advance(15_000);
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', events: [{ origin: 'walk-up', end: '2026-11-23T08:10:00.000Z' }] });
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);
  });

  it('writes a later slot booked at the panel as it writes book now: an event at that time, checked in only in its own window', async () => {
    const m365 = await start();
    act(m365, { type: 'book', start: '2026-11-23T10:00:00Z', minutes: 45 });
    await m365.integration.flushOutbox();
    expect(times(m365.tenant.eventsOf(SERVICE_MAILBOX))).toEqual([['2026-11-23T10:00:00.000Z', '2026-11-23T10:45:00.000Z']]);
    expect(times(m365.tenant.eventsOf(ROOM.mailbox))).toEqual([['2026-11-23T10:00:00.000Z', '2026-11-23T10:45:00.000Z']]);
    await m365.advance(15_000);
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', events: [{ origin: 'walk-up', start: '2026-11-23T10:00:00.000Z', checkedInAt: null }] });
    expect(() => act(m365, { type: 'book', start: '2026-11-23T10:30:00Z', minutes: 30 })).toThrow(/^slot-taken: /);
  });

  it('books on the room calendar itself when the room is set to, with no service mailbox copy', async () => {
    const m365 = await start({ room: { bookings: 'room-calendar' } });
    act(m365, { type: 'book-now', minutes: 15 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toEqual([]);
    expect(m365.tenant.eventsOf(ROOM.mailbox).map((e) => [e.subject, e.organizer.address])).toEqual([['Walk-up booking', ROOM.mailbox]]);
    expect(m365.state(ROOM.id).events).toHaveLength(1);
  });

  it('declines a no-show from the room calendar: the organizer sees the room declined, the room is free', async () => {
    const clock = new FakeClock('2026-11-23T08:50:00Z');
    const m365 = await start({ clock, room: { settings: { checkIn: { required: true, releaseNoShows: true } } } });
    const meeting = m365.tenant.scheduleMeeting(PERSON, { subject: 'Planning', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).next.map((m) => m.subject)).toEqual(['Planning']);

    await m365.advance(21 * 60_000, 5000);
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toEqual([]);
    const organizerCopy = m365.tenant.eventsOf(PERSON).find((e) => e.id === meeting.id)!;
    expect(organizerCopy.attendees.find((a) => a.emailAddress.address === ROOM.mailbox)?.status.response).toBe('declined');
    expect(m365.state(ROOM.id)).toMatchObject({ status: 'available', events: [] });
  });

  it('takes back a booking the room declines because it overlaps a meeting booked meanwhile, and tells the display why', async () => {
    const m365 = await start();
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Booked in Outlook a moment ago', start: '2026-11-23T08:10:00Z', end: '2026-11-23T09:00:00Z', rooms: [ROOM.mailbox] });
    act(m365, { type: 'book-now', minutes: 30 });
    expect(m365.state(ROOM.id).status).toBe('busy');
    await m365.integration.flushOutbox();
    await m365.advance(15_000);

    const now = m365.state(ROOM.id);
    expect(now.events.map((e) => [e.subject, e.origin])).toEqual([['Booked in Outlook a moment ago', 'calendar']]);
    expect(now.notices).toEqual([expect.objectContaining({ code: 'booking-declined', start: '2026-11-23T08:00:00.000Z', end: '2026-11-23T08:30:00.000Z' })]);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toEqual([]);
  });
});

describe('Microsoft 365: exactly once through faults', () => {
  it('waits out a 429 for as long as Retry-After says, then books once', async () => {
    const m365 = await start();
    m365.tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 30, mailbox: SERVICE_MAILBOX });
    act(m365, { type: 'book-now', minutes: 30 });
    const flushed = m365.integration.flushOutbox();
    await m365.settle();
    await m365.advance(29_000);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toEqual([]);
    expect(m365.integration.status().warnings.map((w) => w.code)).toContain('throttled');
    await m365.advance(2000);
    await flushed;
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);
    expect(m365.integration.status().requestsPerMailbox[SERVICE_MAILBOX]).toBe(2);
  });

  it('retries server errors and reset connections, and a create whose answer was lost makes no second event', async () => {
    const m365 = await start({ requestTimeoutMs: 1000 });
    m365.tenant.faults.push(
      { kind: 'server-error', status: 503, mailbox: SERVICE_MAILBOX },
      { kind: 'connection-reset', mailbox: SERVICE_MAILBOX },
      { kind: 'latency', ms: 1500, mailbox: SERVICE_MAILBOX },
      // Exchange made the event; the bridge never heard.
      { kind: 'answer-lost', mailbox: SERVICE_MAILBOX },
    );
    act(m365, { type: 'book-now', minutes: 30 });
    const flushed = m365.integration.flushOutbox();
    for (let i = 0; i < 10 && m365.integration.status().outboxDepth > 0; i++) await m365.advance(5000);
    await flushed;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(m365.integration.status().outboxDepth).toBe(0);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);
  });

  it('shows a booking once when its room copy arrives before the bridge learned Exchange made it', async () => {
    const m365 = await start();
    m365.tenant.faults.push({ kind: 'answer-lost', mailbox: SERVICE_MAILBOX });
    act(m365, { type: 'book-now', minutes: 30 });
    const flushed = m365.integration.flushOutbox();
    await m365.settle();
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toHaveLength(1);
    await m365.integration.syncNow(ROOM.id);
    await m365.advance(2000);
    await flushed;
    expect(m365.state(ROOM.id).events.map((e) => e.origin)).toEqual(['walk-up']);
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).events.map((e) => [e.origin, e.subject])).toEqual([['walk-up', 'Walk-up booking']]);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);
  });

  it('keeps a booking whose create answer was lost when Exchange refuses the retry for repeating its transactionId', async () => {
    const m365 = await start();
    m365.tenant.calendars.repeatedTransaction = 'error';
    m365.tenant.faults.push({ kind: 'answer-lost', mailbox: SERVICE_MAILBOX });
    act(m365, { type: 'book-now', minutes: 30 });
    const flushed = m365.integration.flushOutbox();
    await m365.settle();
    await m365.advance(2000);
    await flushed;
    await m365.advance(15_000);
    const shown = m365.state(ROOM.id);
    expect(shown.events.map((e) => [e.origin, e.subject])).toEqual([['walk-up', 'Walk-up booking']]);
    expect(shown.notices).toEqual([]);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);

    await m365.advance(10 * 60_000, 5000);
    act(m365, { type: 'end-now' });
    await m365.integration.flushOutbox();
    expect(times(m365.tenant.eventsOf(ROOM.mailbox))).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T08:10:00.000Z']]);
  });

  it('knows a booking on the room calendar by the id the sync sees: shown once after a lost answer, gone when deleted in Outlook', async () => {
    const m365 = await start({ room: { bookings: 'room-calendar' } });
    m365.tenant.faults.push({ kind: 'answer-lost', mailbox: ROOM.mailbox });
    act(m365, { type: 'book-now', minutes: 30 });
    const flushed = m365.integration.flushOutbox();
    await m365.settle();
    const [booking] = m365.tenant.eventsOf(ROOM.mailbox);
    // The sync finds the booking in Exchange before the bridge heard it was made.
    await m365.integration.syncNow(ROOM.id);
    await m365.advance(2000);
    await flushed;
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).events.map((e) => [e.origin, e.subject])).toEqual([['walk-up', 'Walk-up booking']]);

    m365.tenant.cancelMeeting(ROOM.mailbox, booking!.id);
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).events).toEqual([]);
  });

  it('keeps the room working on local data while Microsoft 365 is unreachable, and sends once it is back', async () => {
    const m365 = await start();
    for (let i = 0; i < 400; i++) m365.tenant.faults.push({ kind: 'connection-reset' });
    const booked = act(m365, { type: 'book-now', minutes: 30 });
    expect(booked.status).toBe('busy');
    await m365.advance(30_000, 1000);
    expect(m365.state(ROOM.id).status).toBe('busy');
    expect(m365.integration.status().outboxDepth).toBe(1);
    expect(m365.integration.status().warnings.map((w) => w.code)).toContain('microsoft-365-unreachable');

    m365.tenant.faults.splice(0);
    await m365.advance(5 * 60_000, 5000);
    expect(m365.integration.status().outboxDepth).toBe(0);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(1);
    expect(m365.integration.status().warnings.map((w) => w.code)).not.toContain('microsoft-365-unreachable');
  });
});
