import type { ExportRefusal } from '../../../../shared/admin-api.ts';
import type { Clock } from '../../../../shared/clock.ts';
import type { TimedMeeting } from '../../../../shared/model.ts';
import type { RoomStore } from '../../store/room-store.ts';
import { recordCreatedEvent } from './created-event.ts';
import type { CreatedEvent, ProviderAnswer, RemoteCalendar } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';

/** Bookings sent together (one `createMany`), progress told after each group. */
const GROUP_SIZE = 4;
/** Rounds over what was throttled or unanswered before it is listed as not exported. */
const MAX_ROUNDS = 5;

export interface ExportReport {
  total: number;
  exported: number;
  refused: ExportRefusal[];
}

/** The room's walk-up bookings not over yet that its calendar has not got: what an export sends. */
export function exportableBookings(store: RoomStore, remote: RemoteStore, roomId: string, now: number): TimedMeeting[] {
  return store
    .meetingsBetween(roomId, now, Number.MAX_SAFE_INTEGER)
    .filter((m): m is TimedMeeting => m.origin === 'walk-up' && !m.allDay && Date.parse(m.end) > now && !remote.linkOf(m.id)?.ref)
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Exports a room's future walk-up bookings, made before it had its calendar,
 * to that calendar, a group at a time (a provider may send a group in one
 * request: Microsoft 365's `$batch`). Each is created under its own id as
 * its key and recorded when the calendar answers, so running the export
 * again (after a crash, or a second click) never makes a booking twice.
 * Throttled or unanswered bookings are tried again; refusals are listed.
 */
export async function exportFutureBookings(
  deps: { store: RoomStore; remote: RemoteStore; clock: Clock; connection: RemoteCalendar },
  roomId: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ExportReport> {
  const { clock, connection } = deps;
  const due = exportableBookings(deps.store, deps.remote, roomId, clock.now());
  const refused: ExportRefusal[] = [];
  let exported = 0;
  let waiting = due;
  for (let round = 0; round < MAX_ROUNDS && waiting.length > 0; round++) {
    const retry: TimedMeeting[] = [];
    let retryAfterMs = 0;
    for (let i = 0; i < waiting.length; i += GROUP_SIZE) {
      const group = waiting.slice(i, i + GROUP_SIZE);
      const answers = await createGroup(connection, group);
      group.forEach((meeting, index) => {
        const answer = answers[index] ?? { ok: false, failure: 'unreachable', message: 'no answer' };
        if (answer.ok) {
          recordCreatedEvent(deps, { roomId, meetingId: meeting.id, key: meeting.id, event: answer.value }, clock.now());
          exported++;
        } else if (answer.failure === 'refused') {
          refused.push({ meetingId: meeting.id, subject: meeting.subject, start: meeting.start, end: meeting.end, reason: answer.message });
        } else {
          retryAfterMs = Math.max(retryAfterMs, answer.retryAfterMs ?? 1000);
          retry.push(meeting);
        }
      });
      onProgress(exported + refused.length, due.length);
    }
    waiting = retry;
    if (waiting.length > 0) await new Promise<void>((resolve) => clock.setTimer(resolve, retryAfterMs));
  }
  for (const meeting of waiting) refused.push({ meetingId: meeting.id, subject: meeting.subject, start: meeting.start, end: meeting.end, reason: 'The calendar did not answer; try the export again later.' });
  onProgress(due.length, due.length);
  return { total: due.length, exported, refused };
}

/** One answer per booking, in order: in one request where the provider can, else one after another. */
async function createGroup(connection: RemoteCalendar, group: TimedMeeting[]): Promise<ProviderAnswer<CreatedEvent>[]> {
  if (connection.createMany) return connection.createMany(group.map((meeting) => ({ key: meeting.id, meeting })));
  const answers: ProviderAnswer<CreatedEvent>[] = [];
  for (const meeting of group) answers.push(await connection.create(meeting.id, meeting));
  return answers;
}
