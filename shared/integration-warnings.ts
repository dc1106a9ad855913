/**
 * What can go wrong between the bridge and Microsoft 365, as the admin page
 * shows it. The bridge raises a warning while the problem lasts and clears it
 * when the problem is gone; each code has one fix an admin can act on.
 */
export const INTEGRATION_WARNING_CODES = [
  'service-principal-deleted',
  'service-principal-disabled',
  'consent-withdrawn',
  'credential-invalid',
  'credential-expired',
  'credential-expiring',
  'credential-renewal-failed',
  'room-calendar-unreachable',
  'room-not-auto-accepting',
  'throttled',
  'subjects-replaced',
  'microsoft-365-unreachable',
] as const;

export type IntegrationWarningCode = (typeof INTEGRATION_WARNING_CODES)[number];

export interface IntegrationWarning {
  code: IntegrationWarningCode;
  /** The room it concerns; absent when it concerns the whole integration. */
  roomId?: string;
  /** What happened, with the details known (mailbox, dates, Microsoft's own error). */
  message: string;
  /** What the admin should do. */
  fix: string;
  /** ISO instant the problem was first seen. */
  since: string;
}

/** The fix for each warning, written for a Microsoft 365 admin. */
export const WARNING_FIXES: Record<IntegrationWarningCode, string> = {
  'service-principal-deleted':
    "Lintel's enterprise application was deleted from the tenant. Press \"Grant admin consent\" on the admin page: consent recreates it.",
  'service-principal-disabled':
    "Lintel's enterprise application is disabled. In Entra admin center, Enterprise applications, Lintel, Properties: set \"Enabled for users to sign-in\" to Yes.",
  'consent-withdrawn':
    'Admin consent for Lintel was withdrawn (or never given). Press "Grant admin consent" on the admin page and grant consent for the organisation again.',
  'credential-invalid':
    "The bridge's client secret or certificate is not accepted by Microsoft 365. Press \"Renew credentials\"; if that fails, create a new one in Entra admin center, give it to the bridge (LINTEL_M365_CLIENT_SECRET or LINTEL_M365_CERTIFICATE_FILE) and restart it.",
  'credential-expired':
    "The bridge's credential has expired, so the rooms run on local data. Create a new client secret or certificate for Lintel in Entra admin center, give it to the bridge (LINTEL_M365_CLIENT_SECRET or LINTEL_M365_CERTIFICATE_FILE) and restart it.",
  'credential-expiring':
    'The credential expires soon and could not be renewed automatically. Press "Renew credentials"; if that fails, grant Lintel the Application.ReadWrite.OwnedBy permission and make Lintel an owner of its own application.',
  'credential-renewal-failed':
    'Automatic renewal failed. Press "Renew credentials" to retry; if it fails again, check that Lintel has the Application.ReadWrite.OwnedBy permission and owns its application.',
  'room-calendar-unreachable':
    "The room's calendar cannot be read. Check that the room mailbox exists and that Lintel's application access policy (or RBAC for Applications scope) includes it.",
  'room-not-auto-accepting':
    'The room does not answer booking requests. Run Set-CalendarProcessing -Identity <room> -AutomateProcessing AutoAccept in Exchange Online PowerShell.',
  throttled:
    'Microsoft 365 is throttling requests for this mailbox; the bridge waits as asked and catches up. If it persists, check for other applications using the same mailbox.',
  'subjects-replaced':
    "The room's calendar replaces meeting subjects with organizer names. Run Set-CalendarProcessing -Identity <room> -DeleteSubject $false -AddOrganizerToSubject $false in Exchange Online PowerShell.",
  'microsoft-365-unreachable':
    'The bridge cannot reach Microsoft 365; rooms keep working on local data and catch up when it is back. Check the network, proxy and firewall of the bridge computer.',
};
