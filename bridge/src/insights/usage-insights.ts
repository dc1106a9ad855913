import type { Clock } from '../../../shared/clock.ts';
import type { Room } from '../../../shared/model.ts';
import type { SyncOwnership } from '../cluster/sync-ownership.ts';
import type { PresenceLog } from '../hardware/presence-log.ts';
import type { Logger } from '../logger.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import { HistoryPruner } from './history-pruner.ts';
import { InsightsService } from './insights-service.ts';
import type { MeetingHistory } from './meeting-history.ts';
import { MeetingRecorder, type RoomSchedules } from './meeting-recorder.ts';
import { PresenceHistory } from './presence-history.ts';
import { PresenceRecorder } from './presence-recorder.ts';

export interface UsageInsightsDeps {
  database: SqlDatabase;
  /** The meetings' history, also given to the room service, which keeps who made walk-ups and which were released. */
  meetings: MeetingHistory;
  schedules: RoomSchedules;
  listRooms: () => Room[];
  presence: PresenceLog;
  /** Whether the room has an occupancy sensor now. */
  hasSensor: (room: Room) => boolean;
  clock: Clock;
  logger: Logger;
  /** Among bridge processes sharing the store, which rooms' meetings this one records; all of them when absent. */
  ownership: SyncOwnership | undefined;
}

/** Usage insights, assembled: the history kept as things happen, pruned, and the service that answers from it. */
export interface UsageInsights {
  service: InsightsService;
  start(): void;
  stop(): void;
}

export function createUsageInsights(deps: UsageInsightsDeps): UsageInsights {
  const { database, meetings, schedules, presence, clock, ownership } = deps;
  const logger = deps.logger.child({ component: 'insights' });
  const presenceHistory = new PresenceHistory(database);
  const meetingRecorder = new MeetingRecorder({ schedules, history: meetings, database, clock, logger, ownership });
  const presenceRecorder = new PresenceRecorder({ presence, history: presenceHistory, clock, logger });
  const pruner = new HistoryPruner({ meetings, presence: presenceHistory, clock, logger });
  return {
    service: new InsightsService({ rooms: deps.listRooms, meetings, presence: presenceHistory, hasSensor: deps.hasSensor, clock }),
    start() {
      pruner.start();
      meetingRecorder.start();
      presenceRecorder.start();
    },
    stop() {
      presenceRecorder.stop();
      meetingRecorder.stop();
      pruner.stop();
    },
  };
}
