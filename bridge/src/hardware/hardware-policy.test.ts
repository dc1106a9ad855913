import { describe, expect, it } from 'vitest';
import { Room } from '../../../shared/model.ts';
import { timed } from '../../../test/support/meetings.ts';
import { desiredUnitState } from './hardware-policy.ts';

const room = Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings: { checkIn: { required: true } } });
// Monday 23 November 2026, Amsterdam (UTC+1).
const day = [
  timed('2026-11-23T07:30:00+01:00', '2026-11-23T08:00:00+01:00', { id: 'early' }),
  timed('2026-11-23T10:00:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'review', checkedInAt: '2026-11-23T09:01:00.000Z' }),
  timed('2026-11-23T19:00:00+01:00', '2026-11-23T19:30:00+01:00', { id: 'late' }),
];
const at = (time: string, extra: { sharing?: boolean; wakeUntil?: string } = {}) =>
  desiredUnitState({ room, meetings: day, now: Date.parse(`2026-11-23T${time}+01:00`), sharing: extra.sharing ?? false, calendarStale: false, wakeUntil: extra.wakeUntil ? Date.parse(`2026-11-23T${extra.wakeUntil}+01:00`) : null });

describe('hardware policy over a day', () => {
  it.each([
    ['06:00:00', 'STANDBY', 'OFF/SOLID', 'night'],
    ['07:19:59', 'STANDBY', 'OFF/SOLID', 'just before the 10-minute wake-up'],
    ['07:20:00', 'ON', 'AMBER/PULSE', '10 min before the first meeting, before office hours: starting soon'],
    ['07:25:00', 'ON', 'AMBER/PULSE', 'waiting for check-in'],
    ['07:45:00', 'ON', 'RED/SOLID', 'the early meeting, unchecked past its window: busy'],
    ['08:10:00', 'ON', 'GREEN/SOLID', 'office hours'],
    ['09:55:00', 'ON', 'AMBER/PULSE', 'starting soon / check-in window'],
    ['10:30:00', 'ON', 'RED/SOLID', 'meeting, checked in'],
    ['17:59:59', 'ON', 'GREEN/SOLID', 'last second of office hours'],
    ['18:20:00', 'STANDBY', 'OFF/SOLID', 'after hours, no meeting in the last 30 min'],
    ['18:50:00', 'ON', 'AMBER/PULSE', '10 min before the evening meeting'],
    ['19:15:00', 'ON', 'RED/SOLID', 'evening meeting'],
    ['19:59:59', 'ON', 'GREEN/SOLID', 'less than 30 min after it'],
    ['20:00:00', 'STANDBY', 'OFF/SOLID', '30 min after the last meeting'],
  ])('at %s: power %s, light %s (%s)', (time, power, led) => {
    const state = at(time);
    expect(state.power).toBe(power);
    expect(`${state.led?.color}/${state.led?.mode}`).toBe(led);
  });

  it('wakes the monitor outside office hours when asked, until the wake time', () => {
    expect(at('21:00:00', { wakeUntil: '21:15:00' })).toMatchObject({ power: 'ON', led: { color: 'GREEN' } });
    expect(at('21:15:00', { wakeUntil: '21:15:00' }).power).toBe('STANDBY');
  });

  it('stays asleep at weekends outside meetings', () => {
    const saturday = desiredUnitState({ room, meetings: [], now: Date.parse('2026-11-21T11:00:00+01:00'), sharing: false, wakeUntil: null, calendarStale: false });
    expect(saturday.power).toBe('STANDBY');
  });

  it('shows the end-of-meeting banner over a shared screen only in the last 5 minutes', () => {
    expect(at('10:54:59', { sharing: true }).banner).toBeNull();
    expect(at('10:55:00', { sharing: true }).banner).toBe('Meeting ends in 5 min');
    expect(at('10:55:00', { sharing: false }).banner).toBeNull();
    expect(at('11:00:00', { sharing: true }).banner).toBeNull();
  });

  it('writes the banner in the room language', () => {
    const german = Room.parse({ ...room, settings: { language: 'de' } });
    expect(desiredUnitState({ room: german, meetings: day, now: Date.parse('2026-11-23T10:56:00+01:00'), sharing: true, wakeUntil: null, calendarStale: false }).banner).toBe('Besprechung endet in 5 Min.');
  });

  it('blinks blue when the calendar cannot be confirmed, instead of showing a status that may be wrong', () => {
    const state = desiredUnitState({ room, meetings: day, now: Date.parse('2026-11-23T10:30:00+01:00'), sharing: false, wakeUntil: null, calendarStale: true });
    expect(state).toMatchObject({ power: 'ON', led: { color: 'BLUE', mode: 'BLINK' } });
  });
});
