import { z } from 'zod';

/**
 * Where the bridge changes an event of a room in Exchange (a target's
 * `ref`): the room's copy by its id, or, for a booking the bridge made, the
 * organizer's event (the service mailbox's, or the room's own), so every
 * attendee's copy follows. `attends`: the room's copy of a meeting someone
 * else organizes, which the room can only decline.
 */
const EventRef = z.object({ event: z.string().min(1), organizer: z.string().min(1).optional(), attends: z.literal(true).optional() });
export type EventRef = z.infer<typeof EventRef>;

export function eventRef(ref: EventRef): string {
  return JSON.stringify(ref);
}

export function parseEventRef(ref: string): EventRef | undefined {
  try {
    const parsed = EventRef.safeParse(JSON.parse(ref));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The Graph path of an event in a mailbox. */
export function eventPath(mailbox: string, eventId: string): string {
  return `/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`;
}
