import { z } from 'zod';
import { toIso, type Clock } from '../../../shared/clock.ts';
import type { Microsoft365Integration } from '../microsoft-365/microsoft-365.ts';
import { SyncProblem, syncProblems } from './sync-health.ts';

/** `GET /api/health`: 200 with `ok`, or 503 with `unhealthy` and why, for the watchdog and for monitoring. */
export const HealthReport = z.object({
  status: z.enum(['ok', 'unhealthy']),
  version: z.string(),
  time: z.iso.datetime(),
  rooms: z.int().describe('Number of rooms served'),
  problems: z.array(SyncProblem).describe('Why the bridge is unhealthy, one entry per room; empty when it is ok.'),
});
export type HealthReport = z.infer<typeof HealthReport>;

export interface HealthSources {
  clock: Clock;
  version: string;
  roomCount: () => number;
  microsoft365?: Pick<Microsoft365Integration, 'syncRounds' | 'syncPeriodSeconds'> | undefined;
}

/**
 * Healthy unless something a restart would cure is wrong. Today that is a
 * stuck Microsoft 365 sync; Microsoft 365 failing is not (see syncProblems).
 */
export function checkHealth(sources: HealthSources): HealthReport {
  const now = sources.clock.now();
  const m365 = sources.microsoft365;
  const problems = m365 ? syncProblems(m365.syncRounds(), now, m365.syncPeriodSeconds) : [];
  return { status: problems.length === 0 ? 'ok' : 'unhealthy', version: sources.version, time: toIso(now), rooms: sources.roomCount(), problems };
}
