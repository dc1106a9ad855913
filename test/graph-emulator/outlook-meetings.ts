import type { EmulatedEvent, Sensitivity, ShowAs } from './events.ts';
import type { EventDraft, EventPatch, MailboxDirectory } from './meetings.ts';
import { recurrenceOf, type RecurrenceInput } from './recurrence.ts';
import { utcMidnight } from './time.ts';

/** A meeting a test books as an Exchange user would. `start` and `end` are ISO instants, or dates for an all-day meeting. */
export interface MeetingRequest {
  subject: string;
  start: string;
  end: string;
  allDay?: boolean;
  rooms: string[];
  /** People invited besides the rooms. */
  attendees?: string[];
  sensitivity?: Sensitivity;
  showAs?: ShowAs;
  /** A recurring meeting, `start`–`end` its first occurrence: Graph's patternedRecurrence, zone UTC unless the range names one. */
  recurrence?: RecurrenceInput;
}

export interface MeetingChange {
  subject?: string;
  /** ISO instant, or a date for an all-day meeting. */
  start?: string;
  end?: string;
  sensitivity?: Sensitivity;
  showAs?: ShowAs;
}

/** The event Outlook makes of a meeting a test books: its rooms as resource attendees and locations, times in UTC. */
export function meetingDraft(directory: MailboxDirectory, meeting: MeetingRequest): EventDraft {
  const rooms = meeting.rooms.map((address) => {
    const room = directory.room(address);
    if (!room) throw new Error(`No room ${address} in the tenant`);
    return room;
  });
  const locations = rooms.map((room) => ({ displayName: room.displayName, locationEmailAddress: room.emailAddress }));
  return {
    subject: meeting.subject,
    bodyPreview: '',
    isAllDay: meeting.allDay ?? false,
    ...times(meeting.start, meeting.end, meeting.allDay ?? false),
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
    showAs: meeting.showAs ?? 'busy',
    sensitivity: meeting.sensitivity ?? 'normal',
    attendees: [
      ...(meeting.attendees ?? []).map((address) => ({ type: 'required' as const, emailAddress: { name: directory.mailbox(address)?.displayName ?? address, address } })),
      ...rooms.map((room) => ({ type: 'resource' as const, emailAddress: { name: room.displayName, address: room.emailAddress } })),
    ],
    location: locations[0] ?? { displayName: '' },
    locations,
    transactionId: null,
    recurrence: meeting.recurrence && recurrenceOf(meeting.recurrence, 'UTC'),
  };
}

/** The change an organizer's edit makes to `current`: a new start or end keeps the other, in the event's all-day form. */
export function meetingPatch(current: EmulatedEvent, change: MeetingChange): EventPatch {
  const { start, end, ...rest } = change;
  const patch: EventPatch = { ...rest };
  if (start !== undefined || end !== undefined) {
    Object.assign(patch, times(start ?? new Date(current.start).toISOString(), end ?? new Date(current.end).toISOString(), current.isAllDay));
  }
  return patch;
}

function times(start: string, end: string, allDay: boolean): { start: number; end: number } {
  const parse = (value: string) => (allDay ? utcMidnight(value.slice(0, 10)) : Date.parse(value));
  const [startMs, endMs] = [parse(start), parse(end)];
  if (startMs === undefined || endMs === undefined || Number.isNaN(startMs) || Number.isNaN(endMs)) throw new Error(`Not a meeting time: ${start} to ${end}`);
  return { start: startMs, end: endMs };
}
