import { z } from 'zod';
import { toIso, type Clock } from '../../../shared/clock.ts';
import { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { Microsoft365Integration } from '../calendars/microsoft-365/microsoft-365.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import { StoreProblem, type StoreHealth } from './store-health.ts';
import { SyncProblem, syncProblems } from './sync-health.ts';

/** `GET /api/health`: 200 with `ok`, or 503 with `unhealthy` and why, for the watchdog and for monitoring. */
export const HealthReport = z.object({
  status: z.enum(['ok', 'unhealthy']),
  version: z.string(),
  time: z.iso.datetime(),
  rooms: z.int().nullable().describe('Number of rooms served; null while the store cannot be reached'),
  problems: z.array(z.union([StoreProblem, SyncProblem])).describe('Why the bridge is unhealthy: its store, or a room; empty when it is ok.'),
  warnings: z.array(IntegrationWarning).describe("What is wrong that a restart would not cure, so the bridge stays healthy: a room's device not answering."),
});
export type HealthReport = z.infer<typeof HealthReport>;

export interface HealthSources {
  clock: Clock;
  version: string;
  roomCount: () => number;
  store: Pick<StoreHealth, 'problem'>;
  microsoft365?: Pick<Microsoft365Integration, 'syncRounds' | 'syncPeriodSeconds'> | undefined;
  remoteCalendars?: Pick<RemoteCalendarEngine, 'syncRounds' | 'syncPeriodSeconds'> | undefined;
  /** Rooms' devices not answering (see devices/device-warnings.ts). */
  deviceWarnings?: () => IntegrationWarning[];
}

/**
 * Healthy unless the bridge cannot serve (its store is unreachable) or
 * something a restart would cure is wrong: a stuck calendar sync. A
 * calendar's server failing is not (see syncProblems).
 */
export function checkHealth(sources: HealthSources): HealthReport {
  const now = sources.clock.now();
  const m365 = sources.microsoft365;
  const store = sources.store.problem();
  const problems = [
    ...(store ? [store] : []),
    ...[m365, sources.remoteCalendars].flatMap((source) => (source ? syncProblems(source.syncRounds(), now, source.syncPeriodSeconds) : [])),
  ];
  const warnings = sources.deviceWarnings?.() ?? [];
  return { status: problems.length === 0 ? 'ok' : 'unhealthy', version: sources.version, time: toIso(now), rooms: store ? null : sources.roomCount(), problems, warnings };
}
