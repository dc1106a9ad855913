import type { Clock } from '../../../shared/clock.ts';
import { visibleMeeting } from '../../../shared/meeting-privacy.ts';
import type { Meeting, Room } from '../../../shared/model.ts';
import type { AuditLog } from '../admin/audit-log.ts';
import type { CalendarSource, SeriesOccurrence } from '../calendars/calendar-source.ts';
import type { Logger } from '../logger.ts';
import { attended, strike } from './series-strikes.ts';
import type { StrikeStore } from './strike-store.ts';

/** Who the audit log names for what the bridge did on its own. */
export const BRIDGE_ACTOR = 'Lintel';

export interface NoShowStrikesDeps {
  strikes: StrikeStore;
  audit: AuditLog;
  calendar: CalendarSource;
  clock: Clock;
  logger: Logger;
}

/**
 * Counts a recurring meeting's no-shows in a row, per room and series, in
 * rooms that ask for it (checkIn.strikes), and takes the room from a series
 * that reaches the limit. Called inside the transaction that releases or
 * checks in the occurrence, so the count, the audit entries and the
 * calendar's change are stored together or not at all. Among bridge
 * processes sharing a store only a room's lease holder releases, so only it
 * counts; a check-in in any of them breaks the run.
 */
export class NoShowStrikes {
  readonly #deps: NoShowStrikesDeps;

  constructor(deps: NoShowStrikesDeps) {
    this.#deps = deps;
  }

  /** `meeting` was just released as a no-show. */
  released(room: Room, meeting: Meeting): void {
    const limit = room.settings.checkIn.strikes;
    if (limit == null || !isOccurrence(meeting)) return;
    const { strikes, audit, calendar, clock, logger } = this.#deps;
    const now = clock.now();
    const outcome = strike(strikes.get(room.id, meeting.seriesId), meeting.id, limit, now);
    if (outcome.kind === 'counted-before') return;
    strikes.save(room.id, meeting.seriesId, outcome.next);
    const shown = shownOf(meeting, room);
    audit.record(now, BRIDGE_ACTOR, { action: 'no-show-strike', room: room.name, ...shown, strike: outcome.count, of: limit });
    logger.info({ roomId: room.id, meetingId: meeting.id, seriesId: meeting.seriesId, strike: outcome.count, of: limit }, 'a recurring meeting was a no-show');
    if (outcome.kind !== 'series-lost') return;
    const release = calendar.releaseSeries(room.id, meeting, outcome.count);
    audit.record(now, BRIDGE_ACTOR, { action: 'series-released', room: room.name, ...shown, noShows: outcome.count, release });
    if (release.outcome === 'not-supported') logger.warn({ roomId: room.id, seriesId: meeting.seriesId, reason: release.reason }, 'a recurring meeting reached its no-shows in a row but keeps the room');
    else logger.info({ roomId: room.id, seriesId: meeting.seriesId, release }, 'a recurring meeting lost the room after no-shows in a row');
  }

  /** Someone came to `meeting` (checked in, or was seen in the room): its series' run of no-shows is broken. */
  attended(room: Room, meeting: Meeting): void {
    if (!isOccurrence(meeting)) return;
    const current = this.#deps.strikes.get(room.id, meeting.seriesId);
    if (current.count > 0) this.#deps.strikes.save(room.id, meeting.seriesId, attended(current));
  }
}

function isOccurrence(meeting: Meeting): meeting is SeriesOccurrence {
  return meeting.seriesId !== undefined;
}

/** The subject and organizer as the room's privacy shows them to anyone; null for what it hides. */
function shownOf(meeting: Meeting, room: Room): { subject: string | null; organizer: string | null } {
  const shown = visibleMeeting(meeting, room.settings.privacy);
  return { subject: shown.subject === '' ? null : shown.subject, organizer: shown.organizer };
}
