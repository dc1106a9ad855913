import { z } from 'zod';
import { MINUTE_MS, toIso } from '../../../shared/clock.ts';
import { LONGEST_GRAPH_CALL_MS } from '../calendars/microsoft-365/graph-limits.ts';
import type { RoomRounds } from '../calendars/remote/sync-scheduler.ts';

/**
 * A round that has run this long is stuck, not slow: a round is one delta
 * call per page (rooms need one or two) and one per unanswered booking, and
 * each call ends within LONGEST_GRAPH_CALL_MS (14 min) however Microsoft 365
 * misbehaves, because every request has a timeout and every Retry-After
 * wait a cap. Twice that (28 min) leaves a round of a few calls through
 * heavy throttling healthy, yet a round waiting on something that will never
 * answer is caught within half an hour.
 */
export const STUCK_ROUND_MS = 2 * LONGEST_GRAPH_CALL_MS;

/**
 * With no round running, the next starts at most 1.1 periods after the last
 * ended (jitter), and a room just taken up within one period. Four periods
 * without one means the schedule itself has stopped; a clock step (NTP on a
 * kiosk without a real-time clock) can look like this only until the next
 * round, well before the watchdog's third failed check.
 */
export const STALLED_AFTER_PERIODS = 4;

export const SyncProblem = z.object({
  code: z.enum(['sync-stuck', 'sync-stalled']).describe('`sync-stuck`: a round has been running far too long; `sync-stalled`: no round has run for several periods.'),
  roomId: z.string(),
  since: z.iso.datetime().describe('When the stuck round started, or when the last round ended.'),
  message: z.string().describe('What is wrong and what to do.'),
});
export type SyncProblem = z.infer<typeof SyncProblem>;

const RESTART =
  'Restart the bridge (the watchdog does so after 3 failed health checks in a row); if it happens again, keep the log (journalctl -u lintel-bridge) for support.';

/**
 * Rooms whose sync is stuck: a round running far longer than any Graph call
 * can take, or no round at all for several periods. A sync that fails (Microsoft
 * 365 unreachable, refusing, throttling) still ends its rounds, so it is not
 * here: it is a warning on the admin page and lag in the metrics, and a restart
 * would not help it.
 */
export function syncProblems(rounds: readonly RoomRounds[], now: number, periodSeconds: number): SyncProblem[] {
  const stalledAfterMs = STALLED_AFTER_PERIODS * periodSeconds * 1000;
  return rounds.flatMap((room): SyncProblem[] => {
    if (room.runningSince !== null) {
      if (now - room.runningSince <= STUCK_ROUND_MS) return [];
      return [
        {
          code: 'sync-stuck',
          roomId: room.roomId,
          since: toIso(room.runningSince),
          message: `The calendar sync of room "${room.roomId}" has been running for ${minutes(now - room.runningSince)} without finishing, far longer than Microsoft 365 can take to answer: it is stuck, and the room's displays no longer follow Exchange. ${RESTART}`,
        },
      ];
    }
    const last = room.lastEndedAt ?? room.since;
    if (now - last <= stalledAfterMs) return [];
    return [
      {
        code: 'sync-stalled',
        roomId: room.roomId,
        since: toIso(last),
        message: `No calendar sync of room "${room.roomId}" has run for ${minutes(now - last)}, though one is due every ${periodSeconds} s: the bridge's sync schedule has stopped, and the room's displays no longer follow Exchange. ${RESTART}`,
      },
    ];
  });
}

function minutes(ms: number): string {
  const whole = Math.floor(ms / MINUTE_MS);
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}
