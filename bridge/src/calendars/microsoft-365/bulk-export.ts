import { z } from 'zod';
import type { ExportRefusal } from '../../../../shared/admin-api.ts';
import { type Clock } from '../../../../shared/clock.ts';
import type { Microsoft365Link, Room, TimedMeeting } from '../../../../shared/model.ts';
import type { RoomStore } from '../../store/room-store.ts';
import { recordCreatedEvent } from '../remote/created-event.ts';
import type { RemoteStore } from '../remote/remote-store.ts';
import type { GraphGateway } from './graph-gateway.ts';
import { GraphEvent } from './graph-event.ts';
import { bookingRequest } from './booking-request.ts';
import { IMMUTABLE_IDS } from './immutable-ids.ts';
import { createdEvent } from './m365-provider.ts';

/**
 * Bookings per `$batch`, sent one batch at a time, so the export never has
 * more than 4 requests running on the mailbox: Graph may run a batch's
 * requests all at once, and Outlook refuses an app's fifth concurrent request
 * on a mailbox (429 MailboxConcurrency). Not 20 chained with `dependsOn`
 * instead: one refused booking would fail the rest of its chain with 424.
 */
// Graph docs: concepts/throttling-limits.md (Outlook service limits for JSON batching): up to 4 requests in one batch running concurrently on a mailbox.
// Graph docs: concepts/json-batching.md (dependsOn): requests depending on one that failed fail with 424; a batch should be fully sequential or fully parallel.
const BATCH_SIZE = 4;
const MAX_ROUNDS = 5;

const BatchAnswer = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).nullish(), body: z.unknown() })),
});

export interface ExportReport {
  total: number;
  exported: number;
  refused: ExportRefusal[];
}

export interface BulkExportDeps {
  graph: GraphGateway;
  store: RoomStore;
  remote: RemoteStore;
  clock: Clock;
  serviceMailbox: string | null;
}

/** The room's walk-up bookings not over yet that Exchange has not got: what an export sends. */
export function exportableBookings(store: RoomStore, remote: RemoteStore, roomId: string, now: number): TimedMeeting[] {
  return store
    .meetingsBetween(roomId, now, Number.MAX_SAFE_INTEGER)
    .filter((m): m is TimedMeeting => m.origin === 'walk-up' && !m.allDay && Date.parse(m.end) > now && !remote.linkOf(m.id)?.ref)
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Exports a newly linked room's future walk-up bookings to its Exchange
 * calendar, 4 to a `$batch`. Each carries its local id as `transactionId`
 * and is recorded as exported when Exchange answers, so running the export
 * again (after a crash, or a second click) never makes a booking twice.
 * Throttled or failed requests are tried again; refusals are listed.
 */
export async function exportFutureBookings(
  deps: BulkExportDeps,
  room: Room & { microsoft365: Microsoft365Link },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ExportReport> {
  const { store, remote, clock } = deps;
  const due = exportableBookings(store, remote, room.id, clock.now());
  const refused: ExportRefusal[] = [];
  let exported = 0;
  let waiting = due;
  for (let round = 0; round < MAX_ROUNDS && waiting.length > 0; round++) {
    const retry: TimedMeeting[] = [];
    let retryAfterMs = 0;
    for (let i = 0; i < waiting.length; i += BATCH_SIZE) {
      const chunk = waiting.slice(i, i + BATCH_SIZE);
      const requests = chunk.map((meeting) => bookingRequest(room, room.microsoft365, meeting, deps.serviceMailbox));
      const answer = await deps.graph.send({
        method: 'POST',
        path: '/$batch',
        roomId: room.id,
        // Each sub-request asks for immutable ids itself. Graph: concepts/outlook-immutable-id.md (the header applies only to its request)
        body: { requests: requests.map((r, index) => ({ id: String(index), method: 'POST', url: r.path, headers: { 'content-type': 'application/json', Prefer: IMMUTABLE_IDS }, body: r.body })) },
      });
      const parsed = answer.ok ? BatchAnswer.safeParse(answer.body) : null;
      if (!parsed?.success) {
        retry.push(...chunk);
        continue;
      }
      chunk.forEach((meeting, index) => {
        const response = parsed.data.responses.find((r) => r.id === String(index));
        const event = response && response.status < 300 ? GraphEvent.safeParse(response.body) : null;
        if (event?.success) {
          recordCreatedEvent(deps, { roomId: room.id, meetingId: meeting.id, key: meeting.id, event: createdEvent(requests[index]!, event.data) }, clock.now());
          exported++;
        } else if (!response || response.status === 429 || response.status >= 500) {
          retryAfterMs = Math.max(retryAfterMs, Number(response?.headers?.['Retry-After'] ?? response?.headers?.['retry-after'] ?? 1) * 1000);
          retry.push(meeting);
        } else {
          refused.push({ meetingId: meeting.id, subject: meeting.subject, start: meeting.start, end: meeting.end, reason: reasonOf(response.body, response.status) });
        }
      });
      onProgress(exported + refused.length, due.length);
    }
    waiting = retry;
    if (waiting.length > 0) await new Promise<void>((resolve) => clock.setTimer(resolve, retryAfterMs || 1000));
  }
  for (const meeting of waiting) refused.push({ meetingId: meeting.id, subject: meeting.subject, start: meeting.start, end: meeting.end, reason: 'Microsoft 365 did not answer; try the export again later.' });
  onProgress(due.length, due.length);
  return { total: due.length, exported, refused };
}

function reasonOf(body: unknown, status: number): string {
  const error = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).safeParse(body);
  return error.success ? `${error.data.error.code}: ${error.data.error.message}` : `HTTP ${status}`;
}
