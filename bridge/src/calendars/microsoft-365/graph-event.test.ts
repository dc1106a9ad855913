import { describe, expect, it } from 'vitest';
import { GraphEvent, isNewer, localIdOf, meetingOf, roomResponseOf } from './graph-event.ts';

const keep = { id: 'm1', roomId: 'harbour', origin: 'calendar' as const, checkedInAt: null };

function event(fields: Record<string, unknown>): GraphEvent {
  return GraphEvent.parse({
    id: 'AAMkAD-1',
    subject: 'Design review',
    start: { dateTime: '2026-10-25T09:00:00.0000000', timeZone: 'Europe/Amsterdam' },
    end: { dateTime: '2026-10-25T10:00:00.0000000', timeZone: 'Europe/Amsterdam' },
    organizer: { emailAddress: { name: 'Ada Lovelace', address: 'ada@contoso.example' } },
    ...fields,
  });
}

describe('a Graph event as a room meeting', () => {
  it('reads wall times in the zone Graph wrote them in, on the day daylight saving ends', () => {
    expect(meetingOf(event({}), keep)).toMatchObject({ start: '2026-10-25T08:00:00.000Z', end: '2026-10-25T09:00:00.000Z', organizer: 'Ada Lovelace', allDay: false });
  });

  it('reads times Graph wrote in UTC or in a Windows zone name', () => {
    const utc = event({ start: { dateTime: '2026-11-23T08:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' } });
    expect(meetingOf(utc, keep)).toMatchObject({ start: '2026-11-23T08:00:00.000Z', end: '2026-11-23T09:00:00.000Z' });
    const windows = event({
      start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
    });
    expect(meetingOf(windows, keep)).toMatchObject({ start: '2026-11-23T08:00:00.000Z', end: '2026-11-23T09:00:00.000Z' });
  });

  it('keeps all-day events as dates, whatever zone they come in', () => {
    const allDay = event({ isAllDay: true, start: { dateTime: '2026-10-25T00:00:00.0000000', timeZone: 'Asia/Tokyo' }, end: { dateTime: '2026-10-26T00:00:00.0000000', timeZone: 'Asia/Tokyo' } });
    expect(meetingOf(allDay, keep)).toMatchObject({ allDay: true, start: '2026-10-25', end: '2026-10-26' });
    const inUtc = event({ isAllDay: true, start: { dateTime: '2026-10-25T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-10-26T00:00:00.0000000', timeZone: 'UTC' } });
    expect(meetingOf(inUtc, keep)).toMatchObject({ allDay: true, start: '2026-10-25', end: '2026-10-26' });
  });

  it('marks private and confidential meetings private, and falls back to the organizer address', () => {
    expect(meetingOf(event({ sensitivity: 'private' }), keep)?.isPrivate).toBe(true);
    expect(meetingOf(event({ sensitivity: 'confidential' }), keep)?.isPrivate).toBe(true);
    expect(meetingOf(event({ organizer: { emailAddress: { address: 'bob@contoso.example' } } }), keep)?.organizer).toBe('bob@contoso.example');
  });

  it('shows nothing for a cancelled event, an unknown zone, or an end before the start', () => {
    expect(meetingOf(event({ isCancelled: true }), keep)).toBeNull();
    expect(meetingOf(event({ start: { dateTime: '2026-10-25T09:00:00', timeZone: 'tzone://Microsoft/Custom' } }), keep)).toBeNull();
    expect(meetingOf(event({ end: { dateTime: '2026-10-25T08:00:00', timeZone: 'Europe/Amsterdam' } }), keep)).toBeNull();
  });

  it('knows an occurrence by the series master Graph names; a one-off meeting belongs to no series', () => {
    expect(meetingOf(event({ type: 'occurrence', seriesMasterId: 'AAMkAD-master' }), keep)?.seriesId).toBe('AAMkAD-master');
    expect(meetingOf(event({ type: 'singleInstance', seriesMasterId: null }), keep)).not.toHaveProperty('seriesId');
  });

  it('cuts an overlong subject to what displays take', () => {
    expect(meetingOf(event({ subject: 'x'.repeat(400) }), keep)?.subject).toHaveLength(255);
  });
});

describe('delta bookkeeping', () => {
  it('gives the same remote event the same short local id', () => {
    expect(localIdOf('AAMkAD-1')).toBe(localIdOf('AAMkAD-1'));
    expect(localIdOf('AAMkAD-1')).not.toBe(localIdOf('AAMkAD-2'));
    expect(localIdOf('A'.repeat(1000)).length).toBeLessThanOrEqual(200);
  });

  it('prefers the newest version by lastModifiedDateTime', () => {
    const older = event({ lastModifiedDateTime: '2026-11-23T08:00:00Z' });
    const newer = event({ lastModifiedDateTime: '2026-11-23T08:05:00Z' });
    expect(isNewer(newer, older)).toBe(true);
    expect(isNewer(older, newer)).toBe(false);
  });

  it("reads the room's answer from the organizer's copy, ignoring case", () => {
    const answered = event({ attendees: [{ type: 'resource', status: { response: 'declined' }, emailAddress: { address: 'Harbour@Contoso.example' } }] });
    expect(roomResponseOf(answered, 'harbour@contoso.example')).toBe('declined');
    expect(roomResponseOf(event({}), 'harbour@contoso.example')).toBeNull();
  });
});
