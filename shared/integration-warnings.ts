import { z } from 'zod';

/**
 * What can go wrong between the bridge and Microsoft 365, a room's
 * device (`device-not-answering`), the alert webhook that problem
 * reports go to (`alert-webhook-failing`), or a room's calendar on a
 * CalDAV server, a published calendar feed or Google Workspace
 * (`calendar-login-failed`, `calendar-forbidden`, `calendar-not-found`,
 * `calendar-certificate-untrusted`, `calendar-unreachable`,
 * `calendar-throttled`, `calendar-not-configured`), or Google Workspace's
 * service account (its key refused, `google-credential-invalid`; the bridge
 * computer's clock too far off for Google, `google-clock-skew`; no
 * domain-wide delegation to act as LINTEL_GOOGLE_SUBJECT,
 * `google-delegation-missing`), as the admin page shows it. The bridge
 * raises a warning while the problem lasts and clears it when the problem
 * is gone. Each code has one fix an admin can act on, worded by the admin
 * page in the admin's language.
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
  'room-mailbox-not-enabled',
  'room-access-policy',
  'room-not-auto-accepting',
  'delta-resync-failing',
  'throttled',
  'subjects-replaced',
  'microsoft-365-unreachable',
  'account-reconnect-needed',
  'calendar-not-shared',
  'device-not-answering',
  'alert-webhook-failing',
  'calendar-login-failed',
  'calendar-forbidden',
  'calendar-not-found',
  'calendar-certificate-untrusted',
  'calendar-unreachable',
  'calendar-throttled',
  'calendar-not-configured',
  'google-credential-invalid',
  'google-clock-skew',
  'google-delegation-missing',
] as const;

export type IntegrationWarningCode = (typeof INTEGRATION_WARNING_CODES)[number];

export const IntegrationWarning = z.object({
  code: z.enum(INTEGRATION_WARNING_CODES),
  roomId: z.string().optional().describe('The room it concerns; absent when it concerns the whole integration.'),
  message: z
    .string()
    .describe("What happened, with the details known (mailbox, dates, Microsoft's own error), in English: the page words the code and its fix."),
  since: z.iso.datetime().describe('When the problem was first seen.'),
});
export type IntegrationWarning = z.infer<typeof IntegrationWarning>;
