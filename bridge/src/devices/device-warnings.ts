import type { AdminDevice } from '../../../shared/admin-api.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';

/**
 * A room's devices that lost their connection with a fault: a warning on the
 * admin page, and in `/api/health`, until they answer again. Not a reason to
 * call the bridge unhealthy: a restart would not bring a screen back.
 */
export function deviceWarnings(roomId: string, devices: readonly AdminDevice[]): IntegrationWarning[] {
  return devices.flatMap(({ connected, lastFault, lastContactAt, describe }) =>
    !connected && lastFault
      ? // Not answering since its last answer: each retry's fault is newer, and would make an old outage look new.
        [{ code: 'device-not-answering' as const, roomId, message: `${describe}: ${lastFault.text}`, since: lastContactAt ?? lastFault.at }]
      : [],
  );
}
