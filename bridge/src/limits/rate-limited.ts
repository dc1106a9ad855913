import { failForNow, type Result } from '../../../shared/errors.ts';

/** The answer to a request over its client's rate: `rate-limited`, with when to try again. */
export function rateLimited(what: string, waitMs: number): Result<never> {
  return failForNow('rate-limited', `Too many ${what}: try again in ${Math.ceil(waitMs / 1000)} s.`, waitMs);
}
