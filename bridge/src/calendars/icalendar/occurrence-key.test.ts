import { describe, expect, it } from 'vitest';
import { occurrenceKey, recurrenceIdOf, seriesKeyParts } from './occurrence-key.ts';
import { intlZone, UTC_ZONE } from './zone.ts';

describe('an occurrence key', () => {
  it('names an occurrence by its original start as a UTC instant, or its date in an all-day series', () => {
    const amsterdam = intlZone('Europe/Amsterdam');
    expect(recurrenceIdOf({ wall: Date.parse('2026-10-27T09:00:00Z'), isDate: false, zone: amsterdam })).toBe('2026-10-27T08:00:00.000Z');
    expect(recurrenceIdOf({ wall: Date.parse('2026-10-27T08:00:00Z'), isDate: false, zone: UTC_ZONE })).toBe('2026-10-27T08:00:00.000Z');
    expect(recurrenceIdOf({ wall: Date.parse('2026-10-27T00:00:00Z'), isDate: true, zone: amsterdam })).toBe('2026-10-27');
  });

  it('is the UID alone for a one-off', () => {
    expect(occurrenceKey('abc')).toBe('abc');
    expect(occurrenceKey('abc', '2026-10-27')).toBe('abc/2026-10-27');
  });

  it('is split at its last slash, the UID keeping any other', () => {
    expect(seriesKeyParts('team/standup/2026-10-27T08:00:00.000Z')).toEqual({ uid: 'team/standup', recurrenceId: '2026-10-27T08:00:00.000Z' });
    expect(seriesKeyParts('cleaning/2026-10-27')).toEqual({ uid: 'cleaning', recurrenceId: '2026-10-27' });
    expect(seriesKeyParts('abc')).toBeUndefined();
    expect(seriesKeyParts('abc/def')).toBeUndefined();
    expect(seriesKeyParts('/2026-10-27')).toBeUndefined();
  });
});
