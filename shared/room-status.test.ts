import { describe, expect, it } from 'vitest';
import { RoomSettings } from './model.ts';
import { computeRoomStatus, type StatusRoom } from './room-status.ts';
import { allDay, timed } from '../test/support/meetings.ts';
import { localDayOf } from './time-zone.ts';
import { meetingsOverlapping } from './meeting-span.ts';

const amsterdam = room('Europe/Amsterdam');
const at = (iso: string) => Date.parse(iso);

function room(timeZone: string, settings: Partial<RoomSettings> = {}): StatusRoom {
  return { timeZone, settings: RoomSettings.parse(settings) };
}

describe('room status engine', () => {
  const day = [
    timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { id: 'standup' }),
    timed('2026-11-23T10:00:00+01:00', '2026-11-23T10:30:00+01:00', { id: 'review' }),
    timed('2026-11-23T14:30:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'call' }),
  ];

  it('is available before the first meeting, free until it starts', () => {
    const view = computeRoomStatus(day, at('2026-11-23T08:00:00+01:00'), amsterdam);
    expect(view.status).toBe('available');
    expect(view.current).toBeNull();
    expect(view.freeUntil).toBe(at('2026-11-23T09:00:00+01:00'));
    expect(view.next.map((m) => m.id)).toEqual(['standup', 'review', 'call']);
  });

  it('says starting soon from exactly the threshold before a meeting', () => {
    expect(computeRoomStatus(day, at('2026-11-23T08:49:59+01:00'), amsterdam).status).toBe('available');
    expect(computeRoomStatus(day, at('2026-11-23T08:50:00+01:00'), amsterdam).status).toBe('starting-soon');
    const custom = room('Europe/Amsterdam', { startingSoonMinutes: 30 });
    expect(computeRoomStatus(day, at('2026-11-23T08:31:00+01:00'), custom).status).toBe('starting-soon');
  });

  it('is busy during a meeting and busy until the end of back-to-back meetings', () => {
    const view = computeRoomStatus(day, at('2026-11-23T09:15:00+01:00'), amsterdam);
    expect(view.status).toBe('busy');
    expect(view.current?.id).toBe('standup');
    expect(view.busyUntil).toBe(at('2026-11-23T10:30:00+01:00'));
    expect(view.next.map((m) => m.id)).toEqual(['review', 'call']);
  });

  it('turns available at the exact end of a meeting', () => {
    const view = computeRoomStatus(day, at('2026-11-23T10:30:00+01:00'), amsterdam);
    expect(view.status).toBe('available');
    expect(view.freeUntil).toBe(at('2026-11-23T14:30:00+01:00'));
  });

  it('is available with nothing to come when the day is over', () => {
    const view = computeRoomStatus(day, at('2026-11-23T18:00:00+01:00'), amsterdam);
    expect(view).toMatchObject({ status: 'available', current: null, next: [], freeUntil: null });
  });

  describe('check-in', () => {
    const strict = room('Europe/Amsterdam', { checkIn: { required: true, beforeMinutes: 5, afterMinutes: 10, releaseNoShows: false } });

    it('waits for check-in from 5 min before to 10 min after the start', () => {
      expect(computeRoomStatus(day, at('2026-11-23T08:54:59+01:00'), strict).status).toBe('starting-soon');
      expect(computeRoomStatus(day, at('2026-11-23T08:55:00+01:00'), strict).status).toBe('awaiting-check-in');
      expect(computeRoomStatus(day, at('2026-11-23T09:09:59+01:00'), strict).status).toBe('awaiting-check-in');
      expect(computeRoomStatus(day, at('2026-11-23T09:10:00+01:00'), strict).status).toBe('busy');
    });

    it('is busy once checked in', () => {
      const checkedIn = [timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { checkedInAt: '2026-11-23T07:58:00.000Z' })];
      expect(computeRoomStatus(checkedIn, at('2026-11-23T09:02:00+01:00'), strict).status).toBe('busy');
    });

    it('never asks an all-day event to check in', () => {
      const holiday = [allDay('2026-11-23', '2026-11-24')];
      expect(computeRoomStatus(holiday, at('2026-11-23T00:05:00+01:00'), strict).status).toBe('busy');
    });

    it('does not wait for check-in when the room does not require it', () => {
      expect(computeRoomStatus(day, at('2026-11-23T09:02:00+01:00'), amsterdam).status).toBe('busy');
    });
  });

  describe('all-day events', () => {
    it('make the room busy for the whole local day, 25 hours on the day clocks go back', () => {
      const events = [allDay('2026-10-25', '2026-10-26', { id: 'offsite' })];
      expect(computeRoomStatus(events, at('2026-10-24T21:59:59Z'), amsterdam).status).toBe('starting-soon');
      const first = computeRoomStatus(events, at('2026-10-24T22:00:00Z'), amsterdam);
      expect(first.status).toBe('busy');
      expect(first.busyUntil).toBe(at('2026-10-25T23:00:00Z'));
      expect(computeRoomStatus(events, at('2026-10-25T22:59:59Z'), amsterdam).status).toBe('busy');
      expect(computeRoomStatus(events, at('2026-10-25T23:00:00Z'), amsterdam).status).toBe('available');
    });

    it('cover the same date at a different instant in another zone', () => {
      const events = [allDay('2026-11-01', '2026-11-02')];
      const ny = room('America/New_York');
      expect(computeRoomStatus(events, at('2026-11-01T03:59:59Z'), ny).status).toBe('starting-soon');
      expect(computeRoomStatus(events, at('2026-11-01T04:00:00Z'), ny).status).toBe('busy');
      const view = computeRoomStatus(events, at('2026-11-01T12:00:00Z'), ny);
      expect(view.busyUntil).toBe(at('2026-11-02T05:00:00Z'));
    });

    it('give way to a timed meeting as the current one', () => {
      const events = [allDay('2026-11-23', '2026-11-24'), timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'timed' })];
      const view = computeRoomStatus(events, at('2026-11-23T11:30:00+01:00'), amsterdam);
      expect(view.current?.id).toBe('timed');
      expect(view.busyUntil).toBe(at('2026-11-24T00:00:00+01:00'));
    });
  });

  describe('daylight-saving days', () => {
    it('counts real elapsed time across the spring-forward gap in Amsterdam', () => {
      // 01:30 CET to 03:30 CEST is one real hour, not two.
      const events = [timed('2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', { id: 'night' })];
      expect(computeRoomStatus(events, at('2026-03-29T00:29:00Z'), amsterdam).status).toBe('starting-soon');
      expect(computeRoomStatus(events, at('2026-03-29T00:45:00Z'), amsterdam).status).toBe('busy');
      expect(computeRoomStatus(events, at('2026-03-29T01:30:00Z'), amsterdam).status).toBe('available');
    });

    it('tells apart the two 01:30s of the fall-back night in New York', () => {
      const ny = room('America/New_York');
      const events = [timed('2026-11-01T01:15:00-05:00', '2026-11-01T01:45:00-05:00', { id: 'second-0130' })];
      // 01:30 EDT comes an hour before 01:30 EST: the meeting has not started yet.
      expect(computeRoomStatus(events, at('2026-11-01T01:30:00-04:00'), ny).status).toBe('available');
      expect(computeRoomStatus(events, at('2026-11-01T01:30:00-05:00'), ny).status).toBe('busy');
    });

    it('lists the day of a 25-hour night shift with meetings across midnight', () => {
      const events = [
        timed('2026-10-24T23:00:00+02:00', '2026-10-25T01:00:00+02:00', { id: 'before-midnight' }),
        timed('2026-10-25T23:30:00+01:00', '2026-10-26T00:30:00+01:00', { id: 'into-monday' }),
        timed('2026-10-26T09:00:00+01:00', '2026-10-26T10:00:00+01:00', { id: 'monday' }),
      ];
      const sunday = localDayOf(at('2026-10-25T12:00:00Z'), 'Europe/Amsterdam');
      expect(meetingsOverlapping(events, sunday, 'Europe/Amsterdam').map((m) => m.id)).toEqual(['before-midnight', 'into-monday']);
    });
  });

  it('ignores meetings that end when they start', () => {
    const view = computeRoomStatus([timed('2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z')], at('2026-11-23T09:00:00Z'), amsterdam);
    expect(view.status).toBe('available');
  });
});
