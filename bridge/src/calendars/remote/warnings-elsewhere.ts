import type { Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarning } from '../../../../shared/integration-warnings.ts';

/**
 * How often a bridge process repeats its warnings to the others, whether or
 * not they changed: a process that joins hears them within this period.
 */
export const WARNINGS_REPEAT_MS = 10_000;
/** Three repeats missed: the process is gone (it died, or lost Redis), and so are its warnings. */
const FORGET_AFTER_MS = 3 * WARNINGS_REPEAT_MS;

/**
 * The warnings the other bridge processes sharing this one's rooms see now.
 * Each room's problems are seen by the process that syncs it, but an admin
 * page served by any process must show them all: each process tells its
 * whole list, which replaces what was heard from it before.
 */
export class WarningsElsewhere {
  readonly #clock: Clock;
  readonly #heard = new Map<string, { warnings: IntegrationWarning[]; at: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  heard(from: string, warnings: IntegrationWarning[]): void {
    if (warnings.length === 0) this.#heard.delete(from);
    else this.#heard.set(from, { warnings, at: this.#clock.now() });
  }

  list(): IntegrationWarning[] {
    const now = this.#clock.now();
    for (const [from, { at }] of this.#heard) if (now - at > FORGET_AFTER_MS) this.#heard.delete(from);
    return [...this.#heard.values()].flatMap(({ warnings }) => warnings);
  }
}

/**
 * One warning per problem (code and room), seen since the earliest of its
 * sightings: several processes meet the same integration-wide problem (an
 * expired credential, throttling) each on its own.
 */
export function mergeWarnings(...lists: IntegrationWarning[][]): IntegrationWarning[] {
  const merged = new Map<string, IntegrationWarning>();
  for (const warning of lists.flat()) {
    const key = `${warning.code}\u0000${warning.roomId ?? ''}`;
    const earlier = merged.get(key);
    if (!earlier || warning.since < earlier.since) merged.set(key, warning);
  }
  return [...merged.values()].sort((a, b) => a.since.localeCompare(b.since));
}
