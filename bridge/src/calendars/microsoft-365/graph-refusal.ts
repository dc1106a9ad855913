import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { RemoteWarning } from '../remote/remote-provider.ts';
import type { GraphAnswer } from './graph-gateway.ts';

type GraphFailure = Extract<GraphAnswer, { ok: false }>;

/** How the bridge acts in Microsoft 365: as its application, or as a connected account (LINTEL_M365_PERMISSIONS). */
export type Permissions = 'application' | 'delegated';

/** What a refusal on a room's mailbox can tell about the room; a round that reads the room clears them all (remote-room-sync.ts). */
type RoomRefusal = Extract<IntegrationWarningCode, 'room-calendar-unreachable' | 'room-mailbox-not-enabled' | 'room-access-policy' | 'calendar-not-shared'>;

/**
 * Whether Graph refused the application itself rather than one resource: it
 * answers so to a token that lacks the permission (Graph docs:
 * concepts/resolve-auth-errors.md), Exchange with ErrorAccessDenied, the
 * directory with Authorization_RequestDenied.
 */
export function refusesTheApp(answer: GraphFailure): boolean {
  return (answer.status === 401 || answer.status === 403) && (answer.code === 'ErrorAccessDenied' || answer.code === 'Authorization_RequestDenied');
}

/**
 * What Graph's refusal of a call on `mailbox` (the room's, or the service
 * mailbox organizing its bookings) says is wrong with the room; nothing for
 * a failure that is not a refusal (throttling, an outage, a sign-in
 * problem). Told apart by the error code alone: Graph's messages may change
 * at any time (Graph docs: concepts/errors.md, "Code property").
 */
export function roomRefusalWarning(answer: GraphFailure, mailbox: string, permissions: Permissions): RemoteWarning | undefined {
  const code = roomRefusalOf(answer, permissions);
  return code && { code, message: `${mailbox}: ${answer.code}: ${answer.message}` };
}

/**
 * Whether Graph refused the mailbox rather than an item in it: one it cannot
 * serve (on-premises, or not an Exchange Online mailbox), answered 404 like
 * a missing event (Exchange troubleshooting, rest-api-is-not-yet-supported-for-this-mailbox-error).
 */
export function isMailboxRefusal(answer: GraphFailure): boolean {
  return answer.code === 'MailboxNotEnabledForRESTAPI' || answer.code === 'MailboxNotSupportedForRESTAPI';
}

function roomRefusalOf(answer: GraphFailure, permissions: Permissions): RoomRefusal | undefined {
  if (answer.kind !== 'refused') return undefined;
  if (isMailboxRefusal(answer)) return 'room-mailbox-not-enabled';
  // An application access policy answers 403 ErrorAccessDenied (Graph docs: concepts/auth-limit-mailbox-access.md, "Handling API errors").
  // RBAC for Applications, which replaces those policies (Exchange docs: permissions-exo/application-rbac), documents no answer of its own:
  // with consent in place (a refusal without it is a sign-in problem, see graph-gateway.ts), this code on a mailbox is its scope either way.
  // With delegated permissions the account reaches another mailbox only as far as it is shared with it (Graph docs: concepts/outlook-share-or-delegate-calendar.md).
  if (answer.status === 403 && answer.code === 'ErrorAccessDenied') return permissions === 'delegated' ? 'calendar-not-shared' : 'room-access-policy';
  if (answer.status === 403 || answer.status === 404) return 'room-calendar-unreachable';
  return undefined;
}
