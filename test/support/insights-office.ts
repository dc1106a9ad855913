import type { Meeting } from '../../shared/model.ts';
import { FakeClock } from './fake-clock.ts';
import { startTestBridge, type TestBridge } from './in-process-bridge.ts';
import { timed } from './meetings.ts';
import { ScriptedBaseUnit } from './scripted-base-unit.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Three rooms in two buildings and the last weeks of their meetings, for the
 * admin page's Insights: a bridge whose clock starts three weeks ago and is
 * played forward to now, so it records each meeting as it happens, with
 * people counted in Harbour by its base unit. Every meeting is on a weekday
 * from 3 to 20 days ago, in office hours, in UTC: inside "the last 4 weeks"
 * whatever the time of day or the browser's zone.
 *
 * - Harbour (North, floor 1, 8 seats): 09:00 to 10:30 and 13:00 to 15:00
 *   every weekday, four people in the morning and three in the afternoon,
 *   but nobody at the very first meeting: one ghost meeting.
 * - Quay (South, ground floor, 12 seats): 10:00 to 12:00 on Wednesdays.
 * - Loft (North, floor 2, 4 seats): 14:00 to 14:30 on Tuesdays and Thursdays.
 *
 * Busiest first they are always Harbour (12 weekdays or more, 3.5 hours
 * each), Quay (at most 3 Wednesdays, 2 hours each) and Loft (at most 6 half
 * hours).
 */
export const OFFICE_ROOMS = [
  { id: 'harbour', name: 'Harbour', timeZone: 'UTC', capacity: 8, location: { building: 'North', floor: 1 } },
  { id: 'quay', name: 'Quay', timeZone: 'UTC', capacity: 12, location: { building: 'South', floor: 0 } },
  { id: 'loft', name: 'Loft', timeZone: 'UTC', capacity: 4, location: { building: 'North', floor: 2 } },
];

export interface InsightsOffice {
  bridge: TestBridge;
  /** How many meetings each room had. */
  meetings: { harbour: number; loft: number; quay: number };
}

export async function startInsightsOffice(webDir: string): Promise<InsightsOffice> {
  const end = Date.now();
  const meetings: Meeting[] = [];
  const people: { at: number; count: number }[] = [];
  const book = (roomId: string, date: string, from: string, to: string) => {
    const meeting = timed(`${date}T${from}:00Z`, `${date}T${to}:00Z`, { id: `${roomId}-${date}-${from}`, roomId });
    meetings.push(meeting);
    return meeting;
  };
  for (let daysAgo = 20; daysAgo >= 3; daysAgo--) {
    const date = new Date(end - daysAgo * DAY_MS).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [from, to, count] of [['09:00', '10:30', 4], ['13:00', '15:00', 3]] as const) {
      const first = meetings.length === 0;
      const harbour = book('harbour', date, from, to);
      if (!first) people.push({ at: Date.parse(harbour.start) + 5 * MINUTE_MS, count }, { at: Date.parse(harbour.end) - 5 * MINUTE_MS, count: 0 });
    }
    if (weekday === 3) book('quay', date, '10:00', '12:00');
    if (weekday === 2 || weekday === 4) book('loft', date, '14:00', '14:30');
  }

  const clock = new FakeClock(end - 21 * DAY_MS);
  const unit = new ScriptedBaseUnit();
  const bridge = await startTestBridge({ clock, webDir, rooms: OFFICE_ROOMS, meetings, baseUnits: new Map([['harbour', unit]]) });
  for (const step of people) {
    clock.advance(step.at - clock.now());
    unit.setPeople(step.count);
  }
  clock.advance(end - clock.now());
  const count = (roomId: string) => meetings.filter((meeting) => meeting.roomId === roomId).length;
  return { bridge, meetings: { harbour: count('harbour'), loft: count('loft'), quay: count('quay') } };
}
