import { INSIGHTS_CSV_COLUMNS, type InsightsAnswer } from '../../../shared/insights.ts';

/**
 * The answer's rooms as CSV (RFC 4180): a header of INSIGHTS_CSV_COLUMNS,
 * one row per room, CRLF line ends. A value is quoted only when it holds a
 * quote, a comma or a line break, its quotes doubled; null is an empty field.
 */
export function insightsCsv(answer: InsightsAnswer): string {
  const lines = [INSIGHTS_CSV_COLUMNS.join(','), ...answer.rooms.map((room) => INSIGHTS_CSV_COLUMNS.map((column) => field(room[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The name a browser saves the CSV under. */
export function insightsCsvFilename(answer: Pick<InsightsAnswer, 'from' | 'to'>): string {
  return `lintel-insights-${answer.from}-${answer.to}.csv`;
}
