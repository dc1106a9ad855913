import type { Meeting } from './model.ts';
import type { MeetingChange } from './walk-up-rules.ts';

/** A meeting with an update applied; all-day events have no end time or check-in to change. */
export function updatedMeeting(meeting: Meeting, change: Extract<MeetingChange, { kind: 'update' }>): Meeting {
  if (meeting.allDay) return meeting;
  return { ...meeting, end: change.end ?? meeting.end, checkedInAt: change.checkedInAt ?? meeting.checkedInAt };
}

/** A schedule with a change applied: what a display shows optimistically before the bridge confirms. */
export function applyMeetingChange(meetings: readonly Meeting[], change: MeetingChange): Meeting[] {
  switch (change.kind) {
    case 'none':
      return [...meetings];
    case 'create':
      // Already there when the bridge applied it and only its answer was lost.
      return meetings.some((m) => m.id === change.meeting.id) ? [...meetings] : [...meetings, change.meeting];
    case 'delete':
    case 'release':
      return meetings.filter((m) => m.id !== change.meetingId);
    case 'update':
      return meetings.map((m) => (m.id === change.meetingId ? updatedMeeting(m, change) : m));
  }
}
