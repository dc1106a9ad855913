import { toIso } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';
import type { ProviderAnswer, RemoteOccurrence, SyncResult, SyncWindow } from '../remote/remote-provider.ts';
import { refusesDeltaToken } from './delta-token-refusal.ts';
import type { GraphGateway } from './graph-gateway.ts';
import { CollectionPage, GraphEvent, RemovedEntry, isNewer, meetingOf } from './graph-event.ts';
import { eventRef } from './event-ref.ts';
import { graphFailure } from './graph-failure.ts';
import type { Permissions } from './graph-refusal.ts';

/** Delta pages of at most this many events; Graph's default is 10. */
const PAGE_SIZE = 50;
/**
 * Times in UTC, converted to the room's zone here: Graph takes only the zone
 * names it documents, and most IANA names (Europe/Amsterdam) are not among them.
 */
// Graph: api-reference/v1.0/resources/datetimetimezone.md; UTC is the default (api-reference/v1.0/api/event-delta.md).
const PREFER = `outlook.timezone="UTC", IdType="ImmutableId", odata.maxpagesize=${PAGE_SIZE}`;
/** A runaway chain of links is cut here rather than followed for ever. */
const MAX_PAGES = 200;

/**
 * One round of a room mailbox's calendarView delta: from the window's
 * initial query without a cursor (a snapshot), else from the deltaLink the
 * last round ended with. A refused deltaLink or skip token (410, or a resync
 * code) is `cursor-expired`: the engine starts over from the initial query,
 * which is what a 410's Location names (Graph: concepts/delta-query-overview.md,
 * "Synchronization reset"), rather than follow a header. Graph may repeat a
 * change or send changes out of order, so the round keeps the newest version
 * of each event by lastModifiedDateTime, and a removal wins: a deleted event
 * never comes back with the same id.
 */
export async function calendarViewDelta(
  deps: { graph: GraphGateway; logger: Logger; permissions: Permissions },
  room: { id: string; mailbox: string },
  cursor: string | null,
  window: SyncWindow,
): Promise<ProviderAnswer<SyncResult>> {
  const start = `/users/${encodeURIComponent(room.mailbox)}/calendarView/delta?${new URLSearchParams({ startDateTime: toIso(window.start), endDateTime: toIso(window.end) }).toString()}`;
  let url = cursor ?? start;
  const entries: unknown[] = [];
  let deltaLink: string | undefined;
  for (let page = 0; page < MAX_PAGES && deltaLink === undefined; page++) {
    const answer = await deps.graph.send({ method: 'GET', path: url, roomId: room.id, headers: { Prefer: PREFER } });
    if (!answer.ok) {
      // A refused token (a deltaLink's, or a nextLink's mid-round) never works again.
      if (url !== start && refusesDeltaToken(answer)) return { ok: false, failure: 'cursor-expired', message: `Exchange refused the delta token: ${answer.status} ${answer.code}` };
      return graphFailure(answer, room.mailbox, deps.permissions);
    }
    const parsed = CollectionPage.safeParse(answer.body);
    if (!parsed.success) return { ok: false, failure: 'unreachable', message: 'Graph sent a delta page that is not one; the round is dropped' };
    entries.push(...parsed.data.value);
    if (parsed.data['@odata.nextLink']) url = parsed.data['@odata.nextLink'];
    else deltaLink = parsed.data['@odata.deltaLink'];
  }
  if (deltaLink === undefined) return { ok: false, failure: 'unreachable', message: `Graph's delta round did not end within ${MAX_PAGES} pages` };
  const latest = newestPerEvent(entries, (skipped) => deps.logger.warn({ roomId: room.id, skipped }, 'Graph sent events Lintel cannot read; they were skipped'));
  const occurrences: RemoteOccurrence[] = [];
  const removedKeys: string[] = [];
  for (const [id, event] of latest) {
    const occurrence = event === 'removed' ? null : occurrenceOf(event);
    if (occurrence) occurrences.push(occurrence);
    else removedKeys.push(id);
  }
  if (cursor === null) return { ok: true, value: { kind: 'snapshot', occurrences, cursor: deltaLink } };
  if (latest.size === 0) return { ok: true, value: { kind: 'unchanged', cursor: deltaLink } };
  return { ok: true, value: { kind: 'delta', changed: occurrences, removedKeys, cursor: deltaLink } };
}

/** A room's event as the engine takes it; null when it cannot be shown (cancelled, an unknown zone, an end not after its start). */
function occurrenceOf(event: GraphEvent): RemoteOccurrence | null {
  // Read as a meeting only for its fields: the engine gives it its id in the room.
  const meeting = meetingOf(event, { id: 'graph-event', roomId: 'graph-room', origin: 'calendar', checkedInAt: null });
  if (!meeting) return null;
  return {
    key: event.id,
    ref: eventRef({ event: event.id, ...(meeting.organizedElsewhere ? { attends: true as const } : {}) }),
    start: meeting.start,
    end: meeting.end,
    allDay: meeting.allDay,
    subject: meeting.subject,
    organizer: meeting.organizer,
    isPrivate: meeting.isPrivate,
    ...(meeting.seriesId ? { seriesId: meeting.seriesId } : {}),
    ...(meeting.organizedElsewhere ? { organizedElsewhere: true as const } : {}),
    // A booking made on the room's own calendar carries its key as transactionId; one made by the service mailbox shares its iCalUId.
    ...(event.transactionId ? { createdFor: event.transactionId } : {}),
    ...(event.iCalUId ? { sharedId: event.iCalUId } : {}),
  };
}

function newestPerEvent(entries: unknown[], reportSkipped: (count: number) => void): Map<string, GraphEvent | 'removed'> {
  const latest = new Map<string, GraphEvent | 'removed'>();
  let skipped = 0;
  for (const raw of entries) {
    const removed = RemovedEntry.safeParse(raw);
    if (removed.success) {
      latest.set(removed.data.id, 'removed');
      continue;
    }
    const event = GraphEvent.safeParse(raw);
    if (!event.success) {
      skipped++;
      continue;
    }
    const current = latest.get(event.data.id);
    if (current === 'removed') continue;
    if (!current || isNewer(event.data, current)) latest.set(event.data.id, event.data);
  }
  if (skipped > 0) reportSkipped(skipped);
  return latest;
}
