import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../../shared/clock.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { HistoryPruner } from './history-pruner.ts';
import { MeetingHistory } from './meeting-history.ts';
import { PresenceHistory } from './presence-history.ts';

const EVER = { start: 0, end: Number.MAX_SAFE_INTEGER };

describe('pruning the history', () => {
  it('keeps 13 whole months, and forgets what is older every day', () => {
    const clock = new FakeClock('2027-12-15T10:00:00Z');
    const database = openTestDatabase();
    const meetings = new MeetingHistory(database);
    const presence = new PresenceHistory(database);
    const meetingAt = (start: string) => {
      const at = Date.parse(start);
      meetings.save({ roomId: 'harbour', meetingId: start, start: at, bookedEnd: at + 30 * MINUTE_MS, end: at + 30 * MINUTE_MS, origin: 'calendar', checkedInAt: null, releasedAt: null, endedEarly: false });
    };
    const seenAt = (from: string) => presence.save({ roomId: 'harbour', source: 'base-unit', from: Date.parse(from), to: Date.parse(from) + 20 * MINUTE_MS, maxPeople: 3 });
    for (const start of ['2026-10-31T23:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T09:00:00Z', '2027-12-14T09:00:00Z']) {
      meetingAt(start);
      seenAt(start);
    }
    const left = () => ({
      meetings: meetings.overlapping('harbour', EVER).map((row) => row.meetingId).sort(),
      presence: presence.overlapping(['harbour'], EVER).map((row) => new Date(row.from).toISOString()).sort(),
    });

    const pruner = new HistoryPruner({ meetings, presence, clock, logger: pino({ level: 'silent' }) });
    pruner.start();
    // 15 December 2027: from 1 November 2026 on is kept.
    expect(left()).toEqual({
      meetings: ['2026-11-01T00:00:00Z', '2026-12-01T09:00:00Z', '2027-12-14T09:00:00Z'],
      presence: ['2026-11-01T00:00:00.000Z', '2026-12-01T09:00:00.000Z', '2027-12-14T09:00:00.000Z'],
    });
    clock.advance(16 * DAY_MS);
    // 31 December, the same month: nothing more.
    expect(left().meetings).toHaveLength(3);
    clock.advance(DAY_MS);
    // 1 January 2028: November 2026 is forgotten the next morning on its own.
    expect(left()).toEqual({ meetings: ['2026-12-01T09:00:00Z', '2027-12-14T09:00:00Z'], presence: ['2026-12-01T09:00:00.000Z', '2027-12-14T09:00:00.000Z'] });
    pruner.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
