import { describe, expect, it } from 'vitest';
import { timed } from '../../../test/support/meetings.ts';
import { en } from '../i18n/en.ts';
import { createFormatters, minutesLeft, visibleOrganizer, visibleSubject } from './format.ts';

describe('display formatting', () => {
  it('shows times in the room zone with the locale clock style', () => {
    const instant = Date.parse('2026-11-23T13:30:00Z');
    expect(createFormatters('en-GB', 'Europe/Amsterdam').time(instant)).toBe('14:30');
    expect(createFormatters('en-US', 'America/New_York').time(instant)).toMatch(/^8:30\sAM$/);
  });

  it('never shows a private meeting subject or organizer', () => {
    const meeting = timed('2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', { subject: 'Layoffs', organizer: 'CEO', isPrivate: true });
    expect(visibleSubject(meeting, 'subject-and-organizer', en)).toBe('Private meeting');
    expect(visibleOrganizer(meeting, 'subject-and-organizer')).toBeNull();
  });

  it('follows the room privacy setting', () => {
    const meeting = timed('2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', { subject: 'Budget', organizer: 'Ada' });
    expect([visibleSubject(meeting, 'subject-and-organizer', en), visibleOrganizer(meeting, 'subject-and-organizer')]).toEqual(['Budget', 'Ada']);
    expect([visibleSubject(meeting, 'organizer-only', en), visibleOrganizer(meeting, 'organizer-only')]).toEqual(['Reserved', 'Ada']);
    expect([visibleSubject(meeting, 'hidden', en), visibleOrganizer(meeting, 'hidden')]).toEqual(['Reserved', null]);
  });

  it('rounds minutes left up', () => {
    expect(minutesLeft(0, 60_000 * 24 + 1)).toBe(25);
    expect(minutesLeft(0, 1)).toBe(1);
    expect(minutesLeft(10, 0)).toBe(0);
  });
});
