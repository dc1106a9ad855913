import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Room, WalkUpAction } from '../../../shared/model.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { weeklySeries } from '../../../test/support/meetings.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { AuditLog } from '../admin/audit-log.ts';
import { LocalCalendar } from '../calendars/local/local-calendar.ts';
import { PresenceLog } from '../hardware/presence-log.ts';
import { clientOf } from '../limits/client.ts';
import { RoomStore } from '../store/room-store.ts';
import { NoShowReleaser } from './no-show-releaser.ts';
import { NoShowStrikes } from './no-show-strikes.ts';
import { RoomService } from './room-service.ts';
import { StrikeStore } from './strike-store.ts';

const STRIKES_2 = { checkIn: { required: true, releaseNoShows: true, strikes: 2 } };
/** Mondays 10:00–11:00 in Amsterdam, from 23 November 2026. */
const sync = (count: number, extra: Parameters<typeof weeklySeries>[4] = {}) =>
  weeklySeries('sync', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z', count, { roomId: 'harbour', subject: 'Weekly sync', organizer: 'Ada', ...extra });

function setup(settings: Record<string, unknown>, meetings = sync(4)) {
  const clock = new FakeClock('2026-11-23T08:50:00Z');
  const store = new RoomStore(openTestDatabase());
  store.saveRoom(Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings }), clock.now());
  for (const meeting of meetings) store.saveMeeting(meeting);
  const calendar = new LocalCalendar(store, clock);
  const logger = pino({ level: 'silent' });
  const audit = new AuditLog(store.database);
  const strikes = new NoShowStrikes({ strikes: new StrikeStore(store.database), audit, calendar, clock, logger });
  const presence = new PresenceLog();
  const rooms = new RoomService({ store, calendar, clock, logger, publicUrl: 'http://bridge.local:8080/', syncPeriodSeconds: 15, strikes, presence });
  const releaser = new NoShowReleaser(rooms, clock);
  rooms.start();
  releaser.start();
  onTestFinished(() => {
    releaser.stop();
    rooms.stop();
  });
  const until = (instant: string) => clock.advance(Date.parse(instant) - clock.now());
  const state = () => {
    const result = rooms.getState('harbour');
    if (!result.ok) throw new Error(result.message);
    return result.data;
  };
  /** The audit log's entries, oldest first, as facts. */
  const facts = () => audit.recent().map((entry) => ({ actor: entry.actor, ...entry.event })).reverse();
  return { clock, rooms, strikes, presence, until, state, facts };
}

const checkIn = () => WalkUpAction.parse({ id: crypto.randomUUID(), type: 'check-in' });

describe('no-show strikes of a recurring meeting', () => {
  it('takes the room from a series after its no-shows in a row, removing its future occurrences, with each strike in the audit log', () => {
    const { until, state, facts } = setup(STRIKES_2);
    until('2026-11-23T09:10:00Z');
    expect(state()).toMatchObject({ status: 'available', current: null });
    expect(facts()).toEqual([{ actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada', strike: 1, of: 2 }]);

    until('2026-11-30T09:05:00Z');
    expect(state().current).toMatchObject({ subject: 'Weekly sync' });
    until('2026-11-30T09:10:00Z');
    expect(facts().slice(1)).toEqual([
      { actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada', strike: 2, of: 2 },
      { actor: 'Lintel', action: 'series-released', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada', noShows: 2, release: { outcome: 'removed', occurrences: 2 } },
    ]);

    until('2026-12-07T09:05:00Z');
    expect(state()).toMatchObject({ status: 'available', current: null, events: [] });
  });

  it('starts counting again after an occurrence someone checked in to', () => {
    const { rooms, until, state, facts } = setup(STRIKES_2);
    until('2026-11-23T09:10:00Z');
    until('2026-11-30T09:02:00Z');
    expect(rooms.applyAction('harbour', checkIn(), clientOf({ address: '192.0.2.10' }))).toMatchObject({ ok: true, data: { status: 'busy' } });
    until('2026-12-07T09:10:00Z');
    expect(facts().map((fact) => fact.action === 'no-show-strike' && `${fact.strike} of ${fact.of}`)).toEqual(['1 of 2', '1 of 2']);
    until('2026-12-14T09:05:00Z');
    expect(state().current).toMatchObject({ subject: 'Weekly sync', checkedInAt: null });
  });

  it('starts counting again after an occurrence people were seen at, though nobody checked in', () => {
    const { clock, presence, until, state, facts } = setup(STRIKES_2);
    until('2026-11-23T09:10:00Z');
    until('2026-11-30T09:03:00Z');
    presence.seen('harbour', clock.now());
    until('2026-12-07T09:10:00Z');
    expect(facts().map((fact) => fact.action)).toEqual(['no-show-strike', 'no-show-strike']);
    until('2026-12-14T09:05:00Z');
    expect(state().current).toMatchObject({ subject: 'Weekly sync' });
  });

  it('counts nothing in a room that does not ask for it, releasing each no-show alone', () => {
    const { until, state, facts } = setup({ checkIn: { required: true, releaseNoShows: true } });
    until('2026-11-23T09:10:00Z');
    until('2026-11-30T09:10:00Z');
    expect(state().current).toBeNull();
    until('2026-12-07T09:05:00Z');
    expect(state().current).toMatchObject({ subject: 'Weekly sync' });
    expect(facts()).toEqual([]);
  });

  it('counts an occurrence once when its release is repeated', () => {
    const { strikes, facts } = setup(STRIKES_2);
    const room = Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings: STRIKES_2 });
    const [first] = sync(1);
    strikes.released(room, first!);
    strikes.released(room, first!);
    expect(facts().map((fact) => fact.action)).toEqual(['no-show-strike']);
  });

  it('names the meeting in the audit log only as far as the room shows it', () => {
    const hidden = setup({ ...STRIKES_2, privacy: 'organizer-only', checkIn: { ...STRIKES_2.checkIn, strikes: 1 } });
    hidden.until('2026-11-23T09:10:00Z');
    expect(hidden.facts()).toMatchObject([
      { action: 'no-show-strike', subject: null, organizer: 'Ada' },
      { action: 'series-released', subject: null, organizer: 'Ada' },
    ]);
    const secret = setup({ checkIn: { ...STRIKES_2.checkIn, strikes: 1 } }, sync(2, { isPrivate: true }));
    secret.until('2026-11-23T09:10:00Z');
    expect(secret.facts()).toMatchObject([{ subject: null, organizer: null }, { subject: null, organizer: null }]);
  });
});
