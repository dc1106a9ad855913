import { describe, expect, it } from 'vitest';
import { timed } from '../../../test/support/meetings.ts';
import { createFormatters } from './format.ts';
import { en } from '../i18n/en.ts';
import { bookingLimit, limitText } from './booking-limit.ts';

const at = (time: string) => Date.parse(`2026-11-23T${time}:00+01:00`);
const room = (maxBookingMinutes: number) => ({ timeZone: 'Europe/Amsterdam', settings: { maxBookingMinutes } });
const planning = timed('2026-11-23T15:30:00+01:00', '2026-11-23T16:00:00+01:00', { id: 'planning' });
const format = createFormatters('en-GB', 'Europe/Amsterdam');
// Node's and Chromium's ICU word minutes differently ("30 mins", "30 min"): the duration comes from the same formatter.
const why = (limit: ReturnType<typeof bookingLimit>) => limitText(limit, en, format);

describe('why a booking is offered shorter than an hour', () => {
  it('says nothing when an hour fits and the room allows it', () => {
    expect(why(bookingLimit([planning], room(60), at('14:00')))).toBeNull();
    expect(why(bookingLimit([], room(120), at('14:00')))).toBeNull();
  });

  it("names the room's limit when that is what cuts", () => {
    expect(why(bookingLimit([planning], room(30), at('14:00')))).toBe(`Up to ${format.minutes(30)} in this room`);
    expect(why(bookingLimit([], room(45), at('14:00')))).toBe(`Up to ${format.minutes(45)} in this room`);
  });

  it('names the next meeting when it comes first, or at the same time as the limit', () => {
    expect(why(bookingLimit([planning], room(60), at('15:00')))).toBe('Next meeting at 15:30');
    expect(why(bookingLimit([planning], room(30), at('15:00')))).toBe('Next meeting at 15:30');
    expect(why(bookingLimit([planning], room(30), at('14:50')))).toBe(`Up to ${format.minutes(30)} in this room`);
  });

  it('looks only at meetings after the start', () => {
    expect(why(bookingLimit([planning], room(60), at('16:00')))).toBeNull();
  });
});
