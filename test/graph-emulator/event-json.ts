import { idIn, type IdForm } from './event-ids.ts';
import type { EmulatedEvent, EventLocation, ResponseStatus } from './events.ts';
import { graphTimestamp, NEVER, utcDateOf, wallTime } from './time.ts';

/**
 * An event as Graph v1.0 answers it, with its times as wall times in
 * `timeZone` (from `Prefer: outlook.timezone`, UTC by default; a Windows or
 * IANA name), and its id in the form the request asked for. All-day events
 * float: their midnight is the same in every zone.
 */
export function eventJson(event: EmulatedEvent, timeZone: string, idForm: IdForm): Record<string, unknown> {
  const id = idIn(event, idForm);
  // Graph: all-day events come midnight to midnight in any preferred zone, by design (microsoftgraph/microsoft-graph-docs#1802).
  const time = (ms: number) => ({ dateTime: event.isAllDay ? `${utcDateOf(ms)}T00:00:00.0000000` : wallTime(ms, timeZone), timeZone });
  return {
    '@odata.etag': `W/"${event.changeKey}"`,
    id,
    createdDateTime: graphTimestamp(event.createdDateTime),
    lastModifiedDateTime: graphTimestamp(event.lastModifiedDateTime),
    changeKey: event.changeKey,
    categories: [],
    transactionId: event.transactionId,
    originalStartTimeZone: event.originalStartTimeZone,
    originalEndTimeZone: event.originalEndTimeZone,
    iCalUId: event.iCalUId,
    uid: event.iCalUId,
    subject: event.subject,
    bodyPreview: event.bodyPreview,
    importance: 'normal',
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled ?? false,
    isOrganizer: event.isOrganizer,
    responseRequested: true,
    seriesMasterId: event.seriesMaster ? idIn(event.seriesMaster, idForm) : null,
    showAs: event.showAs,
    type: event.type ?? 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    onlineMeeting: null,
    responseStatus: statusJson(event.responseStatus),
    body: { contentType: 'text', content: event.bodyPreview },
    start: time(event.start),
    end: time(event.end),
    location: locationJson(event.location),
    locations: event.locations.map(locationJson),
    recurrence: event.recurrence ?? null,
    attendees: event.attendees.map((attendee) => ({ type: attendee.type, status: statusJson(attendee.status), emailAddress: attendee.emailAddress })),
    organizer: { emailAddress: event.organizer },
  };
}

/** A delta entry for an event that left the window: deleted, cancelled, declined or moved out. */
export function removedJson(id: string): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
}

function statusJson(status: ResponseStatus): { response: string; time: string } {
  return { response: status.response, time: status.time === null ? NEVER : graphTimestamp(status.time) };
}

function locationJson(location: EventLocation): Record<string, unknown> {
  if (!location.locationEmailAddress) return { displayName: location.displayName, locationType: 'default', uniqueIdType: 'unknown' };
  return {
    displayName: location.displayName,
    locationType: 'conferenceRoom',
    uniqueId: location.locationEmailAddress,
    uniqueIdType: 'directory',
    locationEmailAddress: location.locationEmailAddress,
  };
}
