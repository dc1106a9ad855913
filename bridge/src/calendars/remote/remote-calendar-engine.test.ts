import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { MINUTE_MS } from '../../../../shared/clock.ts';
import { Room, WalkUpAction, type RoomState } from '../../../../shared/model.ts';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { FakeRemoteCalendar, fakeProvider } from '../../../../test/support/fake-remote-calendar.ts';
import { openTestDatabase } from '../../../../test/support/test-database.ts';
import { clientOf } from '../../limits/client.ts';
import { RoomService } from '../../rooms/room-service.ts';
import { RoomStore } from '../../store/room-store.ts';
import { LocalCalendar } from '../local/local-calendar.ts';
import { createRemoteCalendars } from './remote-calendar-engine.ts';
import { providersFrom } from './remote-connections.ts';
import type { RemoteOccurrence } from './remote-provider.ts';

const CALDAV = { type: 'caldav', url: 'https://dav.example/rooms/harbour/', username: 'lintel', passwordFile: '/etc/lintel/harbour.password' } as const;
const display = clientOf({ address: '192.0.2.10' });

/** Harbour, in Amsterdam at 12:00 local time, its calendar `server`; walk-up actions go through the room service as a display's do. */
function setup() {
  const clock = new FakeClock('2026-11-23T11:00:00Z');
  const store = new RoomStore(openTestDatabase());
  store.saveRoom(Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', calendar: CALDAV }), clock.now());
  const calendars = new Map<string, FakeRemoteCalendar>();
  const calendarAt = (url: string) => calendars.get(url) ?? calendars.set(url, new FakeRemoteCalendar()).get(url)!;
  const logger = pino({ level: 'silent' });
  const engine = createRemoteCalendars({ store, clock, logger, inner: new LocalCalendar(store, clock) }, { providers: providersFrom([fakeProvider(calendarAt)]), syncPeriodSeconds: 15 });
  const rooms = new RoomService({ store, calendar: engine.calendar, clock, logger, publicUrl: 'http://bridge.local:8080/', syncPeriodSeconds: 15 });
  const state = (): RoomState => {
    const answer = rooms.getState('harbour');
    if (!answer.ok) throw new Error(answer.message);
    return answer.data;
  };
  const act = (action: Record<string, unknown>) => rooms.applyAction('harbour', WalkUpAction.parse({ id: crypto.randomUUID(), ...action }), display);
  /** Sends what waits, then lets the next round run. */
  const settle = async () => {
    await engine.flushOutbox();
    await engine.syncNow('harbour');
  };
  return { clock, store, server: calendarAt(CALDAV.url), calendarAt, engine, rooms, state, act, settle };
}

const meeting = (key: string, start: string, end: string, extra: Partial<RemoteOccurrence> = {}): RemoteOccurrence => ({
  key,
  ref: `${key}.ics`,
  start,
  end,
  allDay: false,
  subject: key,
  organizer: 'Ada Lovelace',
  isPrivate: false,
  ...extra,
});

const subjects = (state: RoomState) => state.events.map((each) => `${each.subject} ${each.start}–${each.end}`);

describe('the remote calendar engine', () => {
  it('shows what is added, changed and removed in the room\'s calendar, and when it last confirmed it', async () => {
    const { server, engine, state, clock } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    expect(await engine.syncNow('harbour')).toBe(true);
    expect(subjects(state())).toEqual(['standup 2026-11-23T12:00:00.000Z–2026-11-23T12:30:00.000Z']);
    expect(state().syncedAt).toBe('2026-11-23T11:00:00.000Z');

    clock.advance(MINUTE_MS);
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:45:00.000Z'));
    server.put(meeting('review', '2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z'));
    await engine.syncNow('harbour');
    expect(subjects(state())).toEqual(['standup 2026-11-23T12:00:00.000Z–2026-11-23T12:45:00.000Z', 'review 2026-11-23T14:00:00.000Z–2026-11-23T15:00:00.000Z']);

    server.remove('standup');
    await engine.syncNow('harbour');
    expect(subjects(state())).toEqual(['review 2026-11-23T14:00:00.000Z–2026-11-23T15:00:00.000Z']);
    expect(state().syncedAt).toBe('2026-11-23T11:01:00.000Z');
  });

  it('writes a walk-up booking once, and shows it once as the walk-up it is', async () => {
    const { server, act, settle, state } = setup();
    expect(act({ type: 'book-now', minutes: 30 })).toMatchObject({ ok: true, data: { status: 'busy' } });
    await settle();
    await settle();
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]).toMatchObject({ start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z' });
    expect(state().events).toHaveLength(1);
    expect(state().current).toMatchObject({ origin: 'walk-up', end: '2026-11-23T11:30:00.000Z' });
  });

  it('never makes a second event when the answer to a booking was lost, even if a round saw the event first', async () => {
    const { server, engine, act, state, clock } = setup();
    server.loseNextAnswer('create');
    act({ type: 'book-now', minutes: 30 });
    await engine.flushOutbox();
    // The event was made, the bridge does not know: the round recognises it by the key it was made under.
    await engine.syncNow('harbour');
    expect(state().events).toHaveLength(1);
    clock.advance(10_000);
    await engine.idle();
    expect(server.calls.filter((call) => call === 'create')).toHaveLength(2);
    expect(server.events()).toHaveLength(1);
    await engine.syncNow('harbour');
    expect(state().events.map((each) => each.origin)).toEqual(['walk-up']);
    expect(engine.outboxDepth()).toBe(0);
  });

  it('takes back a booking its calendar refuses, says why on the display and tells the admin', async () => {
    const { server, engine, act, state } = setup();
    server.failNext('create', { failure: 'refused', message: 'HTTP 403', warning: { code: 'calendar-forbidden', message: 'no permission on the collection' } });
    act({ type: 'book-now', minutes: 30 });
    await engine.flushOutbox();
    expect(state().current).toBeNull();
    expect(state().notices).toMatchObject([{ code: 'booking-not-saved', start: '2026-11-23T11:00:00.000Z' }]);
    expect(engine.warnings()).toMatchObject([{ code: 'calendar-forbidden', roomId: 'harbour' }]);
    expect(server.events()).toHaveLength(0);
  });

  it('takes back a booking the room declined, with a notice, and cancels its event; anyone else\'s declined meeting is not shown', async () => {
    const { server, engine, act, state, settle } = setup();
    act({ type: 'book-now', minutes: 30 });
    await settle();
    const [made] = server.events();
    server.put({ ...made!, declined: true });
    server.put(meeting('offsite', '2026-11-23T13:00:00.000Z', '2026-11-23T14:00:00.000Z', { declined: true }));
    await engine.syncNow('harbour');
    expect(state().events).toEqual([]);
    expect(state().notices).toMatchObject([{ code: 'booking-declined', start: '2026-11-23T11:00:00.000Z' }]);
    await engine.idle();
    expect(server.events().map((each) => each.key)).toEqual(['offsite']);
    expect(engine.outboxDepth()).toBe(0);
  });

  it('waits as long as a throttling server asks before writing again', async () => {
    const { server, engine, act, clock } = setup();
    server.failNext('create', { failure: 'throttled', message: 'HTTP 429', retryAfterMs: 60_000 });
    act({ type: 'book-now', minutes: 30 });
    await engine.idle();
    // Neither a round's end nor anything else sends it sooner.
    await engine.syncNow('harbour');
    await engine.flushOutbox();
    clock.advance(59_000);
    await engine.idle();
    expect(server.events()).toHaveLength(0);
    clock.advance(1_000);
    await engine.idle();
    expect(server.events()).toHaveLength(1);
  });

  it('keeps a walk-up change on screen while it waits, whatever a round reads meanwhile', async () => {
    const { server, engine, act, state, settle } = setup();
    act({ type: 'book-now', minutes: 30 });
    await settle();
    // Unreachable for the write, and for the retry the round's end brings.
    server.failNext('changeEnd', { failure: 'unreachable', message: 'ECONNREFUSED' });
    server.failNext('changeEnd', { failure: 'unreachable', message: 'ECONNREFUSED' });
    expect(act({ type: 'extend', minutes: 15 })).toMatchObject({ ok: true });
    await engine.idle();
    await engine.syncNow('harbour');
    await engine.idle();
    expect(state().current).toMatchObject({ end: '2026-11-23T11:45:00.000Z' });
    expect(server.events()[0]).toMatchObject({ end: '2026-11-23T11:30:00.000Z' });
    expect(engine.outboxDepth('harbour')).toBe(1);
  });

  it('lets a meeting deleted elsewhere go, even with a change of it waiting', async () => {
    const { server, engine, act, state, settle } = setup();
    act({ type: 'book-now', minutes: 30 });
    await settle();
    server.failNext('changeEnd', { failure: 'unreachable', message: 'ECONNREFUSED' });
    act({ type: 'extend', minutes: 15 });
    await engine.idle();
    server.remove(server.events()[0]!.key);
    await settle();
    await settle();
    expect(server.events()).toHaveLength(0);
    expect(state().current).toBeNull();
    expect(engine.outboxDepth()).toBe(0);
  });

  it('starts over when the server forgets its cursor, without showing anything twice', async () => {
    const { server, engine, state } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    await engine.syncNow('harbour');
    server.expireCursors();
    server.put(meeting('review', '2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z'));
    expect(await engine.syncNow('harbour')).toBe(true);
    expect(state().events.map((each) => each.subject)).toEqual(['standup', 'review']);
  });

  it('warns while the calendar cannot be read, keeps the room\'s copy, and clears the warning once it can', async () => {
    const { server, engine, state } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    await engine.syncNow('harbour');
    server.failNext('sync', { failure: 'unreachable', message: 'ECONNREFUSED', warning: { code: 'calendar-unreachable', message: 'dav.example could not be reached' } });
    expect(await engine.syncNow('harbour')).toBe(false);
    expect(state().events.map((each) => each.subject)).toEqual(['standup']);
    expect(engine.warnings()).toMatchObject([{ code: 'calendar-unreachable', roomId: 'harbour', message: 'dav.example could not be reached' }]);
    expect(await engine.syncNow('harbour')).toBe(true);
    expect(engine.warnings()).toEqual([]);
    // Google's sign-in refused for the bridge's clock: gone as soon as a round gets through.
    server.failNext('sync', { failure: 'refused', message: 'invalid_grant', warning: { code: 'google-clock-skew', message: 'the clock is off' } });
    await engine.syncNow('harbour');
    expect(engine.warnings().map((warning) => warning.code)).toEqual(['google-clock-skew']);
    await engine.syncNow('harbour');
    expect(engine.warnings()).toEqual([]);
  });

  it('forgets the meetings of a calendar the room no longer follows', async () => {
    const { server, store, engine, state, clock, calendarAt } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    await engine.syncNow('harbour');
    calendarAt('https://dav.example/rooms/loft/').put(meeting('retro', '2026-11-23T13:00:00.000Z', '2026-11-23T14:00:00.000Z'));
    const room = store.getRoom('harbour')!;
    store.saveRoom({ ...room, calendar: { ...CALDAV, url: 'https://dav.example/rooms/loft/' } }, clock.now());
    await engine.syncNow('harbour');
    expect(state().events.map((each) => each.subject)).toEqual(['retro']);
  });

  it('moves a room to another calendar only once nothing waits for the old one, and keeps a booking made just after the move for the new one', async () => {
    const { store, server, calendarAt, engine, act, settle, state } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    await settle();
    const moved = { ...store.getRoom('harbour')!, calendar: { ...CALDAV, url: 'https://dav.example/rooms/harbour-2/' } } as Parameters<typeof engine.moveRoom>[0];
    // A booking waits for the old calendar: the room stays where it is.
    for (let i = 0; i < 3; i++) server.failNext('create', { failure: 'unreachable', message: 'down' });
    expect(act({ type: 'book', start: '2026-11-23T15:00:00.000Z', minutes: 30, takenAt: '2026-11-23T11:00:00.000Z' })).toMatchObject({ ok: true });
    await engine.idle();
    expect(engine.outboxDepth('harbour')).toBe(1);
    expect(engine.moveRoom(moved)).toBe(false);
    expect(store.getRoom('harbour')?.calendar).toEqual(CALDAV);
    // The server back, the booking written there: now the room may move.
    for (let i = 0; i < 5 && engine.outboxDepth('harbour') > 0; i++) await settle();
    expect(server.events().filter((event) => event.createdFor !== undefined)).toHaveLength(1);

    expect(engine.moveRoom(moved)).toBe(true);
    // Booked before the room's next round, which runs before the booking is sent: it is the new calendar's, written there once.
    expect(act({ type: 'book', start: '2026-11-23T16:00:00.000Z', minutes: 30, takenAt: '2026-11-23T11:00:00.000Z' })).toMatchObject({ ok: true });
    await engine.syncNow('harbour');
    await settle();
    expect(calendarAt('https://dav.example/rooms/harbour-2/').events().map((event) => event.start)).toEqual(['2026-11-23T16:00:00.000Z']);
    expect(state().events.map((event) => [event.origin, event.start])).toEqual([['walk-up', '2026-11-23T16:00:00.000Z']]);
  });

  it('keeps a walk-up booking not yet written when the room\'s calendar settings change (a rooms file edited), and writes it to the calendar the room follows now', async () => {
    const { store, clock, server, calendarAt, engine, act, settle, state } = setup();
    server.put(meeting('standup', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z'));
    await settle();
    // The old server is down: the booking waits (the sender's every try fails).
    for (let i = 0; i < 3; i++) server.failNext('create', { failure: 'unreachable', message: 'down' });
    expect(act({ type: 'book', start: '2026-11-23T15:00:00.000Z', minutes: 30, takenAt: '2026-11-23T11:00:00.000Z' })).toMatchObject({ ok: true });
    await engine.idle();
    expect(engine.outboxDepth('harbour')).toBe(1);

    const next = calendarAt('https://dav.example/rooms/harbour-new/');
    next.put(meeting('review', '2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z'));
    store.saveRoom({ ...store.getRoom('harbour')!, calendar: { ...CALDAV, url: 'https://dav.example/rooms/harbour-new/' } }, clock.now());
    await engine.syncNow('harbour');
    await settle();
    expect(next.events().map((event) => event.start).sort()).toEqual(['2026-11-23T14:00:00.000Z', '2026-11-23T15:00:00.000Z']);
    expect(server.events().map((event) => event.key)).toEqual(['standup']);
    expect(state().events.map((event) => [event.origin, event.start])).toEqual([
      ['calendar', '2026-11-23T14:00:00.000Z'],
      ['walk-up', '2026-11-23T15:00:00.000Z'],
    ]);
  });

  it('exports the walk-up bookings the room had before its calendar, each once, listing what the calendar refused', async () => {
    const { server, store, engine, clock } = setup();
    const walkUp = (id: string, start: string, end: string) =>
      store.saveMeeting({ id, roomId: 'harbour', subject: `Walk-up ${id}`, organizer: null, isPrivate: false, checkedInAt: null, origin: 'walk-up', allDay: false, start, end });
    walkUp('earlier', '2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z');
    walkUp('today', '2026-11-23T13:00:00.000Z', '2026-11-23T13:30:00.000Z');
    walkUp('tomorrow', '2026-11-24T09:00:00.000Z', '2026-11-24T10:00:00.000Z');
    walkUp('wednesday', '2026-11-25T09:00:00.000Z', '2026-11-25T10:00:00.000Z');
    expect(engine.exportableCount('harbour')).toBe(3);
    server.failNext('create', { failure: 'throttled', message: 'slow down', retryAfterMs: 2000 });
    const progress: [number, number][] = [];
    const exporting = engine.exportFutureBookings('harbour', (done, total) => progress.push([done, total]));
    await vi.waitFor(() => expect(progress).toHaveLength(1));
    server.failNext('create', { failure: 'refused', message: 'the calendar is full' });
    clock.advance(2000);
    expect(await exporting).toEqual({
      total: 3,
      exported: 2,
      refused: [{ meetingId: 'today', subject: 'Walk-up today', start: '2026-11-23T13:00:00.000Z', end: '2026-11-23T13:30:00.000Z', reason: 'the calendar is full' }],
    });
    expect(progress).toEqual([[2, 3], [3, 3], [3, 3]]);
    expect(server.events().map((event) => `${event.subject} ${event.createdFor}`).sort()).toEqual(['Walk-up tomorrow tomorrow', 'Walk-up wednesday wednesday']);

    // Today's was throttled, then refused: a second run sends only it, and never a booking twice.
    expect(engine.exportableCount('harbour')).toBe(1);
    expect(await engine.exportFutureBookings('harbour')).toEqual({ total: 1, exported: 1, refused: [] });
    await engine.syncNow('harbour');
    expect(server.events()).toHaveLength(3);
    expect(store.meetingsBetween('harbour', clock.now(), Number.MAX_SAFE_INTEGER).map((each) => [each.id, each.origin])).toEqual([
      ['today', 'walk-up'],
      ['tomorrow', 'walk-up'],
      ['wednesday', 'walk-up'],
    ]);
  });
});
