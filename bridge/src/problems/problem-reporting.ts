import type { Clock } from '../../../shared/clock.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { AuditLog } from '../admin/audit-log.ts';
import { roomLease, type SyncOwnership } from '../cluster/sync-ownership.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { RoomStore } from '../store/room-store.ts';
import { AlertSender } from './alert-sender.ts';
import { alertWarnings } from './alert-warning.ts';
import type { AlertWebhook } from './alert-webhook.ts';
import { ProblemService } from './problem-service.ts';
import { ProblemStore } from './problem-store.ts';

export interface ProblemReportingDeps {
  store: RoomStore;
  rooms: RoomService;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** LINTEL_ALERT_WEBHOOK_URL's webhook; none: problems are listed on the admin page only. */
  webhook: AlertWebhook | undefined;
  /** Which rooms' alerts this process sends, when bridge processes share the store; all of them when absent. */
  ownership: SyncOwnership | undefined;
}

/** "Report a problem", assembled: the service the API and displays use, and the alerts to the webhook. */
export interface ProblemReporting {
  service: ProblemService;
  /** Undefined without a webhook. */
  alerts: AlertSender | undefined;
  /** The admin page's warning while the webhook does not take alerts. */
  warnings(): IntegrationWarning[];
  start(): void;
  stop(): Promise<void>;
}

/**
 * Among bridge processes sharing a store, a room's alerts are sent by the
 * holder of its lease only, as its walk-up changes to Exchange are: each
 * alert goes out once, and a process that takes a room over sends what its
 * predecessor left at once.
 */
export function createProblemReporting(deps: ProblemReportingDeps): ProblemReporting {
  const { store, rooms, audit, clock, logger, webhook, ownership } = deps;
  const problems = new ProblemStore(store.database);
  const roomName = (roomId: string) => store.getRoom(roomId)?.name;
  const service = new ProblemService({ store: problems, rooms, roomName, audit, clock, logger, alerting: webhook !== undefined });
  const alerts =
    webhook &&
    new AlertSender({
      store: problems,
      webhook,
      roomName,
      clock,
      logger: logger.child({ component: 'problem-alerts' }),
      ...(ownership ? { roomsSentHere: () => rooms.roomIds().filter((roomId) => ownership.owns(roomLease(roomId))) } : {}),
    });
  const stops: (() => void)[] = [];
  return {
    service,
    alerts,
    warnings: () => (webhook ? alertWarnings(problems, webhook.describe) : []),
    start() {
      if (!alerts) return;
      stops.push(
        service.onReported(() => void alerts.wake()),
        ownership?.onGained(() => void alerts.wake()) ?? (() => {}),
      );
      void alerts.wake();
    },
    async stop() {
      for (const stop of stops.splice(0)) stop();
      alerts?.stop();
      await alerts?.idle();
    },
  };
}
