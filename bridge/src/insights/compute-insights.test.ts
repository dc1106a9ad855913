import { describe, expect, it } from 'vitest';
import { InsightsAnswer, type HeatmapCell } from '../../../shared/insights.ts';
import { Room } from '../../../shared/model.ts';
import { timed } from '../../../test/support/meetings.ts';
import { computeInsights, type InsightsInput } from './compute-insights.ts';
import { firstSight, type MeetingHistoryRow } from './meeting-history.ts';
import type { PresenceRow } from './presence-history.ts';

const NOW = Date.parse('2027-01-01T00:00:00Z');
const room = (id: string, extra: Record<string, unknown> = {}) => Room.parse({ id, name: id, timeZone: 'Europe/Amsterdam', ...extra });

function meeting(roomId: string, start: string, end: string, extra: Partial<MeetingHistoryRow> = {}): MeetingHistoryRow {
  const at = Date.parse(start);
  return { roomId, meetingId: `${roomId}-${start}`, start: at, bookedEnd: Date.parse(end), end: Date.parse(end), origin: 'calendar', checkedInAt: null, releasedAt: null, endedEarly: false, ...extra };
}

/** Meetings on Monday 23 November 2026 in Amsterdam (UTC+1), each as `HH:MM-HH:MM`. */
function onMonday(roomId: string, spans: readonly string[]): MeetingHistoryRow[] {
  return spans.map((span) => {
    const [from, to] = span.split('-');
    return meeting(roomId, `2026-11-23T${from}:00+01:00`, `2026-11-23T${to}:00+01:00`);
  });
}

function seen(roomId: string, from: string, to: string, maxPeople: number | null = null): PresenceRow {
  return { roomId, source: 'base-unit', from: Date.parse(from), to: Date.parse(to), maxPeople };
}

function insights(input: Partial<InsightsInput> & Pick<InsightsInput, 'from' | 'to' | 'rooms'>): InsightsAnswer {
  // Every answer is what the contract says it is.
  return InsightsAnswer.parse(computeInsights({ meetings: [], presence: [], hasSensor: () => false, now: NOW, ...input }));
}

const cell = (answer: InsightsAnswer, weekday: number, hour: number): HeatmapCell | undefined => answer.heatmap.find((c) => c.weekday === weekday && c.hour === hour);

describe('insights from the history', () => {
  it('counts booked minutes within office hours only, and every meeting, in or out of them', () => {
    // Monday 23 November 2026 to Sunday 29 November, office hours 08:00 to 18:00 on weekdays (Amsterdam, UTC+1).
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-29',
      rooms: [room('harbour')],
      meetings: [
        meeting('harbour', '2026-11-23T07:00:00+01:00', '2026-11-23T09:00:00+01:00'),
        meeting('harbour', '2026-11-24T17:30:00+01:00', '2026-11-24T19:00:00+01:00'),
        meeting('harbour', '2026-11-28T10:00:00+01:00', '2026-11-28T12:00:00+01:00'),
        // The week after: not in the range.
        meeting('harbour', '2026-11-30T10:00:00+01:00', '2026-11-30T11:00:00+01:00'),
      ],
    });
    expect(answer.rooms).toMatchObject([{ roomId: 'harbour', meetings: 3, bookedMinutes: 60 + 30, officeMinutes: 5 * 600 }]);
    expect(answer.overall).toMatchObject({ meetings: 3, bookedMinutes: 90, officeMinutes: 3000 });
    // The heatmap shows the evening and the weekend too.
    expect(cell(answer, 2, 18)?.bookedMinutes).toBe(60);
    expect(cell(answer, 6, 10)?.bookedMinutes).toBe(60);
    expect(answer.heatmap).toHaveLength(168);
    expect(answer.heatmap.reduce((sum, c) => sum + c.bookedMinutes, 0)).toBe(120 + 90 + 120);
  });

  it('counts a released no-show up to its release, an ended meeting up to its end, a walk-up by where it was made', () => {
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-23',
      rooms: [room('harbour')],
      meetings: [
        meeting('harbour', '2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { releasedAt: Date.parse('2026-11-23T09:10:00+01:00') }),
        meeting('harbour', '2026-11-23T11:00:00+01:00', '2026-11-23T11:20:00+01:00', { bookedEnd: Date.parse('2026-11-23T12:00:00+01:00'), endedEarly: true, origin: 'panel' }),
        meeting('harbour', '2026-11-23T13:00:00+01:00', '2026-11-23T13:45:00+01:00', { bookedEnd: Date.parse('2026-11-23T13:30:00+01:00'), origin: 'phone' }),
      ],
    });
    expect(answer.rooms[0]).toMatchObject({ meetings: 3, noShows: 1, endedEarly: 1, walkUps: 2, walkUpsByPhone: 1, bookedMinutes: 10 + 20 + 45 });
    // Booked lengths: 60, 60 and 30 minutes.
    expect(answer.rooms[0]?.medianMeetingMinutes).toBe(60);
  });

  it('steps local days by the calendar: a 25-hour day has 25 hours of office, and its repeated hour twice in the heatmap', () => {
    // Sunday 25 October 2026: Amsterdam goes back from 03:00 CEST to 02:00 CET.
    const allDay = room('harbour', { settings: { officeHours: { start: '00:00', end: '23:59', days: [7] } } });
    const answer = insights({
      from: '2026-10-25',
      to: '2026-10-25',
      rooms: [allDay],
      meetings: [meeting('harbour', '2026-10-25T01:30:00+02:00', '2026-10-25T03:30:00+01:00')],
    });
    expect(answer.rooms[0]).toMatchObject({ officeMinutes: 25 * 60 - 1, bookedMinutes: 180 });
    expect([1, 2, 3].map((hour) => cell(answer, 7, hour)?.bookedMinutes)).toEqual([30, 120, 30]);
  });

  it('gives the hour a clock skips in spring nothing', () => {
    // Sunday 29 March 2027: Amsterdam jumps from 02:00 CET to 03:00 CEST.
    const answer = insights({ from: '2027-03-29', to: '2027-03-29', rooms: [room('harbour')], now: Date.parse('2027-04-01T00:00:00Z') });
    expect(answer.rooms[0]?.officeMinutes).toBe(600);
    const spring = insights({
      from: '2027-03-28',
      to: '2027-03-28',
      rooms: [room('harbour')],
      meetings: [meeting('harbour', '2027-03-28T01:30:00+01:00', '2027-03-28T03:30:00+02:00')],
      now: Date.parse('2027-04-01T00:00:00Z'),
    });
    expect([1, 2, 3].map((hour) => cell(spring, 7, hour)?.bookedMinutes)).toEqual([30, 0, 30]);
  });

  it("puts each meeting in the heatmap's cell of its room's own zone", () => {
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-23',
      rooms: [room('harbour'), room('hudson', { timeZone: 'America/New_York' })],
      meetings: [meeting('harbour', '2026-11-23T09:00:00+01:00', '2026-11-23T09:30:00+01:00'), meeting('hudson', '2026-11-23T09:00:00-05:00', '2026-11-23T09:45:00-05:00')],
    });
    expect(cell(answer, 1, 9)?.bookedMinutes).toBe(75);
    expect(answer.heatmap.filter((c) => c.bookedMinutes > 0)).toHaveLength(1);
  });

  it('knows nothing of occupancy in a room without a sensor, and calls every meeting a ghost in a room whose sensor saw nobody', () => {
    const rooms = [room('harbour'), room('loft')];
    const meetings = [...onMonday('harbour', ['09:00-10:00']), ...onMonday('loft', ['09:00-10:00'])];
    const unsensed = insights({ from: '2026-11-23', to: '2026-11-23', rooms, meetings });
    expect(unsensed.rooms.map((r) => [r.occupiedMinutes, r.ghostMeetings, r.medianPeople])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(unsensed.overall).toMatchObject({ occupiedMinutes: null, ghostMeetings: null });
    expect(unsensed.heatmap.every((c) => c.occupiedMinutes === null)).toBe(true);

    const loftSensed = insights({ from: '2026-11-23', to: '2026-11-23', rooms, meetings, hasSensor: (r) => r.id === 'loft' });
    expect(loftSensed.rooms.map((r) => [r.occupiedMinutes, r.ghostMeetings])).toEqual([
      [null, null],
      [0, 1],
    ]);
    expect(loftSensed.overall).toMatchObject({ occupiedMinutes: 0, ghostMeetings: 1 });
    expect(cell(loftSensed, 1, 9)?.occupiedMinutes).toBe(0);
  });

  it('counts occupied minutes from every sensor together, and no ghost where people were seen', () => {
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-23',
      rooms: [room('harbour')],
      meetings: onMonday('harbour', ['09:00-10:00', '11:00-12:00', '14:00-15:00']),
      presence: [
        // Two sensors seeing the same people from 09:10: 40 minutes, not 60.
        seen('harbour', '2026-11-23T09:10:00+01:00', '2026-11-23T09:50:00+01:00', 4),
        { ...seen('harbour', '2026-11-23T09:20:00+01:00', '2026-11-23T09:40:00+01:00'), source: 'mqtt' },
        seen('harbour', '2026-11-23T14:05:00+01:00', '2026-11-23T14:15:00+01:00', 7),
        seen('harbour', '2026-11-23T14:30:00+01:00', '2026-11-23T14:40:00+01:00', 2),
        // Before office hours: seen, but not counted.
        seen('harbour', '2026-11-23T07:00:00+01:00', '2026-11-23T07:30:00+01:00', 1),
      ],
    });
    expect(answer.rooms[0]).toMatchObject({ occupiedMinutes: 40 + 20, ghostMeetings: 1, medianPeople: 4 });
    expect(cell(answer, 1, 7)?.occupiedMinutes).toBe(30);
    expect(cell(answer, 1, 9)?.occupiedMinutes).toBe(40);
  });

  it('takes medians over all the chosen rooms’ meetings, not the rooms’ medians', () => {
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-23',
      rooms: [room('harbour'), room('loft')],
      meetings: [...onMonday('harbour', ['09:00-09:30']), ...onMonday('loft', ['09:00-10:00', '11:00-12:30', '13:00-15:00'])],
    });
    expect(answer.rooms.map((r) => r.medianMeetingMinutes)).toEqual([30, 90]);
    expect(answer.overall.medianMeetingMinutes).toBe(75);
  });

  it('counts only what happened: the range ends now', () => {
    const now = Date.parse('2026-11-23T12:00:00+01:00');
    const answer = insights({
      from: '2026-11-23',
      to: '2026-11-24',
      rooms: [room('harbour')],
      meetings: [meeting('harbour', '2026-11-23T11:00:00+01:00', '2026-11-23T13:00:00+01:00'), meeting('harbour', '2026-11-24T09:00:00+01:00', '2026-11-24T10:00:00+01:00')],
      now,
    });
    expect(answer.rooms[0]).toMatchObject({ meetings: 1, bookedMinutes: 60, officeMinutes: 4 * 60 });
  });

  it('holds no subject or organizer, and counts a private meeting like any other', () => {
    const secret = timed('2026-11-23T09:00:00+01:00', '2026-11-23T10:00:00+01:00', { id: 'merger', roomId: 'harbour', subject: 'Merger with Northwind', organizer: 'Petra Partner', isPrivate: true });
    const answer = insights({ from: '2026-11-23', to: '2026-11-23', rooms: [room('harbour')], meetings: [firstSight('harbour', secret as Parameters<typeof firstSight>[1])] });
    expect(answer.rooms[0]).toMatchObject({ meetings: 1, bookedMinutes: 60 });
    expect(JSON.stringify(answer)).not.toMatch(/Merger|Northwind|Petra|Partner|merger/);
  });
});
