import type { Meeting, Privacy } from './model.ts';

/**
 * A meeting as anyone but an admin may receive it under the room's privacy
 * setting. The bridge applies it to everything it sends out: hiding words
 * only on screen is not enough when any browser on the network can read
 * the same JSON.
 *
 * What is left out is sent as an empty subject and a null organizer, values
 * the Meeting schema already allows, so every client parses it as before;
 * the display words it from the room's setting and `isPrivate` ("Private
 * meeting", "Reserved"), never from the missing text. Ids, times and flags
 * stay: the status and the walk-up actions need them.
 *
 * Walk-up bookings' subjects are the bridge's own words, nothing private,
 * but are left out the same way: one rule is simpler to trust than one with
 * exceptions.
 */
export function visibleMeeting(meeting: Meeting, privacy: Privacy): Meeting {
  const subjectShown = !meeting.isPrivate && privacy === 'subject-and-organizer';
  const organizerShown = !meeting.isPrivate && privacy !== 'hidden';
  return { ...meeting, subject: subjectShown ? meeting.subject : '', organizer: organizerShown ? meeting.organizer : null };
}
