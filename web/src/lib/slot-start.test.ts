import { describe, expect, it } from 'vitest';
import { startNear, tappedStart } from './slot-start.ts';

const at = (time: string) => Date.parse(`2026-11-23T${time}:00+01:00`);
const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });

describe('where a tap on a free stretch starts a booking', () => {
  const afternoon = { start: at('12:00'), end: at('18:00') };

  it('takes the nearest quarter hour to the tap', () => {
    expect(clock(startNear(afternoon, at('15:07')))).toBe('15:00');
    expect(clock(startNear(afternoon, at('15:08')))).toBe('15:15');
    expect(clock(startNear(afternoon, at('15:45')))).toBe('15:45');
  });

  it('never starts before the stretch, even when it does not begin on a quarter', () => {
    const afterMeeting = { start: at('14:50'), end: at('16:00') };
    expect(clock(startNear(afterMeeting, at('14:52')))).toBe('14:50');
    expect(clock(startNear(afterMeeting, at('13:00')))).toBe('14:50');
  });

  it('leaves at least 15 min of the stretch to book', () => {
    expect(clock(startNear(afternoon, at('17:55')))).toBe('17:45');
    const short = { start: at('14:50'), end: at('15:20') };
    expect(clock(startNear(short, at('15:15')))).toBe('15:00');
    const shortest = { start: at('14:50'), end: at('15:10') };
    expect(clock(startNear(shortest, at('15:05')))).toBe('14:50');
  });

  it('reads a tap as a fraction of the part of the stretch the bar shows, clamped to it', () => {
    // The stretch runs to midnight; the bar ends with office hours at 18:00.
    const segment = { slot: { start: at('12:00'), end: at('23:59') }, shownStart: at('12:00'), shownEnd: at('18:00') };
    expect(clock(tappedStart(segment, 0.5))).toBe('15:00');
    expect(clock(tappedStart(segment, 0))).toBe('12:00');
    expect(clock(tappedStart(segment, 1.2))).toBe('18:00');
    expect(clock(tappedStart(segment, -0.3))).toBe('12:00');
  });
});
