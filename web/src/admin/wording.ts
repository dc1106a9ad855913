import type { AdminDevice, AdminRoom, AuditEvent, ConnectionState } from '../../../shared/admin-api.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { CalendarBlock } from './account-calendars.svelte.ts';
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
      switch (connection.reason) {
        case 'revoked':
          return t.connectionReasons.revoked(connection.by, format.dateTime(connection.at));
        case 'not-configured':
          return t.connectionReasons.notConfigured;
        case 'not-signed-in':
          return t.connectionReasons.notSignedIn;
        case 'no-account':
          return t.connectionReasons.noAccount;
      }
  }
}

/**
 * What to do, with the room's mailbox and the connected Microsoft account
 * where a command or a sign-in needs them; a placeholder stays where either
 * is not known.
 */
export function warningFix(warning: IntegrationWarning, known: { rooms: AdminRoom[]; account: string | null }, t: AdminTexts): string {
  const mailbox = known.rooms.find((room) => room.id === warning.roomId)?.microsoft365?.mailbox;
  let fix = t.warningFixes[warning.code];
  if (mailbox) fix = fix.replaceAll('<room>', mailbox);
  if (known.account) fix = fix.replaceAll('<account>', known.account);
  return fix;
}

/**
 * A device's last fault and when, "Last fault 3 minutes ago: no answer": the
 * display controller's codes in the admin's words, any other (a base unit's
 * protocol's own) as it came.
 */
export function deviceFault(fault: NonNullable<AdminDevice['lastFault']>, now: number, t: AdminTexts, format: AdminFormat): string {
  const known: Partial<Record<string, string>> = t.deviceFaults;
  // Own keys only: a code such as "constructor" is no word of ours.
  const what = Object.hasOwn(known, fault.code) ? known[fault.code] : undefined;
  return t.deviceLastFault(format.ago(fault.at, now), what ?? t.deviceFaultCode(fault.code));
}

/** Why a calendar of the connected account cannot be a room's, and what would make one that can. */
export function calendarBlockReason(block: CalendarBlock, t: AdminTexts): string {
  return block === 'read-only' ? t.calendarReadOnly : t.calendarNotMain;
}

export function auditDetail(event: AuditEvent, t: AdminTexts, format: AdminFormat): string {
  const words = t.auditDetails;
  switch (event.action) {
    case 'link':
      return words.link(event.display, event.mailbox ? `${event.room} (${event.mailbox})` : event.room);
    case 'unlink':
      return words.unlink(event.display, event.room);
    case 'forget':
      return words.forget(event.display, event.room);
    case 'rename-display':
      return words.renameDisplay(event.display, event.name);
    case 'room-access':
      return words.roomAccess(event.room, t.roomAccessNames[event.access]);
    case 'link-room':
      return words.linkRoom(event.room, event.mailbox);
    case 'remove':
      return words.remove(event.room);
    case 'revoke':
      return words.revoke(format.number(event.rooms));
    case 'connect-account':
      return words.connectAccount(event.account);
    case 'sign-in-link':
      return words.signInLink(event.address ?? t.unknown);
    case 'resolve-problem':
      return words.resolveProblem(event.room, t.problemKinds[event.kind], format.dateTime(event.reportedAt));
    case 'remove-account':
      return words.removeAccount(event.account, format.number(event.rooms));
    case 'add-room':
      return words.addRoom(event.room, event.calendar);
    case 'room-calendar':
      return words.roomCalendar(event.room, event.calendar, event.password);
    case 'connect-google':
      return words.connectGoogle(event.serviceAccount, event.subject);
    case 'disconnect-google':
      return words.disconnectGoogle(event.serviceAccount);
    case 'no-show-strike':
      return words.noShowStrike(words.series(event.subject, event.organizer), event.room, words.strikeCount(format.number(event.strike), format.number(event.of)));
    case 'series-released':
      return seriesReleased(event, t, format);
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

/** A series that reached its no-shows in a row: what its calendar did, or why the series keeps the room. */
function seriesReleased(event: Extract<AuditEvent, { action: 'series-released' }>, t: AdminTexts, format: AdminFormat): string {
  const words = t.auditDetails;
  const meeting = words.series(event.subject, event.organizer);
  switch (event.release.outcome) {
    case 'declined':
      return words.seriesLost(meeting, event.room, words.seriesDeclined);
    case 'removed':
      return words.seriesLost(meeting, event.room, words.seriesRemoved(format.number(event.release.occurrences)));
    case 'not-supported':
      return words.seriesKept(meeting, event.room);
  }
}
