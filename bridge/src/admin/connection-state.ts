import type { ConnectionState } from '../../../shared/admin-api.ts';
import { toIso } from '../../../shared/clock.ts';
import type { IntegrationWarning, IntegrationWarningCode } from '../../../shared/integration-warnings.ts';
import type { Microsoft365Integration } from '../calendars/microsoft-365/microsoft-365.ts';

/** Problems that stop the whole integration, worst first: any one of them means no room is synced. */
const BREAKING: IntegrationWarningCode[] = [
  'service-principal-deleted',
  'service-principal-disabled',
  'credential-expired',
  'credential-invalid',
  'microsoft-365-unreachable',
  'account-reconnect-needed',
];

/**
 * The one-line answer to "is Microsoft 365 working?" that heads the admin
 * page. Room-level problems (one unreachable calendar, throttling) do not
 * make the connection broken: they are warnings beside a working connection.
 */
export function connectionState(integration: Microsoft365Integration | undefined, warnings: IntegrationWarning[]): ConnectionState {
  if (!integration) return { state: 'not-connected', reason: 'not-configured' };
  const revocation = integration.revocation();
  if (revocation) return { state: 'not-connected', reason: 'revoked', by: revocation.by, at: toIso(revocation.at) };
  const integrationWide = warnings.filter((warning) => warning.roomId === undefined);
  const consent = integrationWide.find((warning) => warning.code === 'consent-withdrawn');
  if (consent) return { state: 'consent-pending', reason: 'consent-withdrawn', detail: consent.message };
  const breaking = worst(integrationWide);
  if (breaking) return { state: 'broken', reason: breaking.code, detail: breaking.message };
  const access = integration.access();
  if (access.mode === 'delegated' && access.account === null) return { state: 'not-connected', reason: 'no-account' };
  if (!integration.signedIn()) return { state: 'not-connected', reason: 'not-signed-in' };
  return { state: 'connected' };
}

function worst(warnings: IntegrationWarning[]): IntegrationWarning | undefined {
  return BREAKING.map((code) => warnings.find((warning) => warning.code === code)).find((warning) => warning !== undefined);
}
