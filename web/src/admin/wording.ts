import type { AdminRoom, AuditEvent, ConnectionState } from '../../../shared/admin-api.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { AdminFormat } from './format.ts';
import type { AdminTexts } from './i18n/index.ts';

/**
 * The bridge answers in codes and facts; these put them into the admin's
 * language. Only Microsoft's own error texts stay as they came.
 */
export function connectionReason(connection: ConnectionState, t: AdminTexts, format: AdminFormat): string | null {
  switch (connection.state) {
    case 'connected':
      return null;
    case 'consent-pending':
      return t.connectionReasons.consentWithdrawn;
    case 'broken':
      return t.warningTitles[connection.reason];
    case 'not-connected':
      if (connection.reason === 'revoked') return t.connectionReasons.revoked(connection.by, format.dateTime(connection.at));
      return connection.reason === 'not-configured' ? t.connectionReasons.notConfigured : t.connectionReasons.notSignedIn;
  }
}

/** What to do, with the room's mailbox where a command needs it. */
export function warningFix(warning: IntegrationWarning, rooms: AdminRoom[], t: AdminTexts): string {
  const mailbox = rooms.find((room) => room.id === warning.roomId)?.microsoft365?.mailbox;
  const fix = t.warningFixes[warning.code];
  return mailbox ? fix.replaceAll('<room>', mailbox) : fix;
}

export function auditDetail(event: AuditEvent, t: AdminTexts, format: AdminFormat): string {
  const words = t.auditDetails;
  switch (event.action) {
    case 'link':
      return words.link(event.display, event.mailbox ? `${event.room} (${event.mailbox})` : event.room);
    case 'unlink':
      return words.unlink(event.display, event.room);
    case 'link-room':
      return words.linkRoom(event.room, event.mailbox);
    case 'remove':
      return words.remove(event.room);
    case 'revoke':
      return words.revoke(format.number(event.rooms));
    case 'renew':
      return event.outcome.ok
        ? words.renewed(t.credentialKind[event.outcome.kind], event.outcome.expiresAt ? format.dateTime(event.outcome.expiresAt) : t.unknown)
        : words.renewFailed(event.outcome.reason);
    case 'export':
      return event.outcome.ok
        ? words.exported(event.room, format.number(event.outcome.exported), format.number(event.outcome.refused))
        : words.exportFailed(event.room, event.outcome.reason);
  }
}
