import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toIso } from '../../../../shared/clock.ts';
import { Meeting } from '../../../../shared/model.ts';
import { wallTimeToInstant } from '../../../../shared/time-zone.ts';
import { ianaZoneOf } from '../zone-name.ts';

/**
 * Graph's event as Lintel reads it. Graph is a boundary like any other: an
 * entry that does not parse is skipped (and logged), never stored.
 */
const GraphDateTime = z.object({ dateTime: z.string().max(40), timeZone: z.string().max(100) });
const EmailAddress = z.object({ name: z.string().nullish(), address: z.string().nullish() });

export const GraphEvent = z.object({
  id: z.string().min(1).max(1024),
  iCalUId: z.string().max(1024).nullish(),
  subject: z.string().nullish(),
  start: GraphDateTime,
  end: GraphDateTime,
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  isOrganizer: z.boolean().nullish(),
  sensitivity: z.string().nullish(),
  organizer: z.object({ emailAddress: EmailAddress.nullish() }).nullish(),
  attendees: z
    .array(z.object({ type: z.string().nullish(), status: z.object({ response: z.string().nullish() }).nullish(), emailAddress: EmailAddress.nullish() }))
    .nullish(),
  lastModifiedDateTime: z.string().nullish(),
  transactionId: z.string().nullish(),
  seriesMasterId: z.string().max(1024).nullish(),
});
export type GraphEvent = z.infer<typeof GraphEvent>;

export const RemovedEntry = z.object({ id: z.string().min(1).max(1024), '@removed': z.object({ reason: z.string().nullish() }) });

export const CollectionPage = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().url().optional(),
  '@odata.deltaLink': z.string().url().optional(),
});

/** A stable local id for a calendar event: the same remote event always gets the same id, short enough for the wire. */
export function localIdOf(remoteId: string): string {
  return `m365-${createHash('sha256').update(remoteId).digest('base64url').slice(0, 32)}`;
}

/** The organizer's name as people know it, or their address. */
export function organizerOf(event: GraphEvent): string | null {
  const email = event.organizer?.emailAddress;
  const name = email?.name?.trim() || email?.address?.trim();
  return name ? name.slice(0, 255) : null;
}

/** How a room answered a booking, as its attendee entry on the organizer's copy shows. */
export function roomResponseOf(event: GraphEvent, roomMailbox: string): string | null {
  const room = event.attendees?.find((a) => a.emailAddress?.address?.toLowerCase() === roomMailbox.toLowerCase());
  return room?.status?.response ?? null;
}

/**
 * A Graph event as one of the room's meetings, read in the zone Graph wrote
 * it in: UTC as asked for, but a Windows or IANA name reads as well. All-day
 * events are floating dates, midnight to midnight whatever the zone. Null
 * when the event cannot be shown: cancelled, an unknown zone, or an end not
 * after its start.
 */
export function meetingOf(event: GraphEvent, keep: { id: string; roomId: string; origin: Meeting['origin']; checkedInAt: string | null }): Meeting | null {
  if (event.isCancelled) return null;
  const common = {
    id: keep.id,
    roomId: keep.roomId,
    subject: (event.subject ?? '').slice(0, 255),
    organizer: organizerOf(event),
    isPrivate: event.sensitivity === 'private' || event.sensitivity === 'confidential',
    checkedInAt: keep.checkedInAt,
    origin: keep.origin,
    // The room only attends a meeting it did not book and whose copy is not the organizer's (resources/event.md, isOrganizer).
    ...(keep.origin === 'calendar' && event.isOrganizer !== true ? { organizedElsewhere: true as const } : {}),
    // An occurrence or exception names its series master (resources/event.md, seriesMasterId); a one-off meeting names none.
    ...(event.seriesMasterId ? { seriesId: event.seriesMasterId } : {}),
  };
  if (event.isAllDay) {
    // Graph: all-day events come midnight to midnight in any preferred zone, by design (microsoftgraph/microsoft-graph-docs#1802).
    const parsed = Meeting.safeParse({ ...common, allDay: true, start: event.start.dateTime.slice(0, 10), end: event.end.dateTime.slice(0, 10) });
    return parsed.success ? parsed.data : null;
  }
  const start = instantOf(event.start);
  const end = instantOf(event.end);
  if (start === null || end === null) return null;
  const parsed = Meeting.safeParse({ ...common, allDay: false, start: toIso(start), end: toIso(end) });
  return parsed.success ? parsed.data : null;
}

function instantOf(value: { dateTime: string; timeZone: string }): number | null {
  const zone = ianaZoneOf(value.timeZone);
  return zone === null ? null : wallTimeToInstant(value.dateTime, zone);
}

/** Later than, by Graph's lastModifiedDateTime; an entry without one never replaces one with it. */
export function isNewer(candidate: GraphEvent, current: GraphEvent): boolean {
  const a = Date.parse(candidate.lastModifiedDateTime ?? '');
  const b = Date.parse(current.lastModifiedDateTime ?? '');
  if (Number.isNaN(b)) return true;
  if (Number.isNaN(a)) return false;
  return a >= b;
}
