import { DAY_MS } from '../../../shared/clock.ts';
import type { Result } from '../../../shared/errors.ts';
import { InsightsQuery } from '../../../shared/insights.ts';
import { parseInput } from '../../../shared/validation.ts';

/** The longest range asked at once: the history's 13 months, with room to spare. */
export const MAX_RANGE_DAYS = 400;

const LimitedQuery = InsightsQuery.refine((query) => (Date.parse(query.to) - Date.parse(query.from)) / DAY_MS + 1 <= MAX_RANGE_DAYS, {
  message: `the range is at most ${MAX_RANGE_DAYS} days`,
  path: ['to'],
});

/** A request's query string as an insights query: every problem with it named at once (`invalid-input`). */
export function insightsQueryOf(query: unknown): Result<InsightsQuery> {
  return parseInput(LimitedQuery, query);
}
