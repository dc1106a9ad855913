import { describe, expect, it } from 'vitest';
import { allDay, timed } from '../test/support/meetings.ts';
import { visibleMeeting } from './meeting-privacy.ts';
import type { Privacy } from './model.ts';

const meeting = timed('2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', { id: 'budget', subject: 'Budget cuts', organizer: 'Ada', checkedInAt: '2026-11-23T12:58:00.000Z' });
const privateMeeting = { ...meeting, isPrivate: true };

const seen = (m: typeof meeting, privacy: Privacy) => {
  const { subject, organizer } = visibleMeeting(m, privacy);
  return { subject, organizer };
};

describe('what a non-admin may receive of a meeting', () => {
  it('shows subject and organizer of an ordinary meeting only where the room allows them', () => {
    expect(seen(meeting, 'subject-and-organizer')).toEqual({ subject: 'Budget cuts', organizer: 'Ada' });
    expect(seen(meeting, 'organizer-only')).toEqual({ subject: '', organizer: 'Ada' });
    expect(seen(meeting, 'hidden')).toEqual({ subject: '', organizer: null });
  });

  it('never shows the subject or organizer of a private meeting, whatever the room allows', () => {
    expect(seen(privateMeeting, 'subject-and-organizer')).toEqual({ subject: '', organizer: null });
    expect(seen(privateMeeting, 'organizer-only')).toEqual({ subject: '', organizer: null });
    expect(seen(privateMeeting, 'hidden')).toEqual({ subject: '', organizer: null });
  });

  it('keeps everything else, so the display can still tell "Private meeting", derive the status and act', () => {
    const { subject: _subject, organizer: _organizer, ...rest } = privateMeeting;
    expect(visibleMeeting(privateMeeting, 'hidden')).toEqual({ ...rest, subject: '', organizer: null });
    const day = allDay('2026-11-23', '2026-11-24', { organizedElsewhere: true });
    expect(visibleMeeting(day, 'organizer-only')).toEqual({ ...day, subject: '' });
  });

  it('leaves the meeting it was given as it was: the bridge keeps the full one', () => {
    visibleMeeting(meeting, 'hidden');
    expect(meeting).toMatchObject({ subject: 'Budget cuts', organizer: 'Ada' });
  });
});
