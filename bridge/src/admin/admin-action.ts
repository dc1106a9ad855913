import type { AuditEvent } from '../../../shared/admin-api.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Logger } from '../logger.ts';
import type { AdminIdentity } from './admin-identity.ts';
import type { AuditLog } from './audit-log.ts';

/** Records what an admin did: in the audit log the admin page shows, and in the bridge's own log for whoever runs it. */
export type RecordAdminAction = (you: Pick<AdminIdentity, 'name'>, event: AuditEvent) => void;

export function adminActionRecorder({ audit, clock, logger }: { audit: AuditLog; clock: Clock; logger: Logger }): RecordAdminAction {
  return (you, event) => {
    audit.record(clock.now(), you.name, event);
    logger.info({ actor: you.name, ...event }, 'admin action');
  };
}
