import { DAY_MS, MINUTE_MS } from '../../shared/clock.ts';
import { InsightsAnswer } from '../../shared/insights.ts';
import { Room } from '../../shared/model.ts';
import { wallTimeToInstant } from '../../shared/time-zone.ts';
import { openPostgresDatabase } from '../../bridge/src/store/postgres-database.ts';
import type { SqlDatabase, SqlValue } from '../../bridge/src/store/sql-database.ts';
import { openSqliteDatabase } from '../../bridge/src/store/sqlite-database.ts';
import { RoomStore } from '../../bridge/src/store/room-store.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { tempDataDir } from '../support/bridge-process.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { percentile, type BenchRow } from './table.ts';

const ROOMS = 100;
const MEETINGS_PER_WORKDAY = 6;
const SAMPLES = 5;
const FIRST_DAY = '2026-10-01';
const NOW = '2027-11-15T12:00:00+01:00';
/** The longest range asked at once, 400 days, all of it in the history. */
const RANGE = { from: '2026-10-12', to: '2027-11-15' };
const ZONES = ['Europe/Amsterdam', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];
/** Rows per INSERT while filling: well under either engine's limit on parameters. */
const BATCH = 500;

/**
 * SPEC section 12: utilization insights for 100 rooms over 13 months within
 * 1 s. A store (the bridge's SQLite data dir on disk, then PostgreSQL) is
 * filled with 13 months of history of 100 rooms in four zones: six meetings
 * a room each working day (no-shows, walk-ups, early ends among them) and
 * the people seen in most; then an in-process bridge on it is asked GET
 * /api/admin/insights and its CSV for the longest range, as an admin's
 * browser asks them.
 */
export async function insightsBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const data = tempDataDir();
  try {
    rows.push(...(await measure('SQLite', openSqliteDatabase(data.dir))));
  } finally {
    data.remove();
  }
  const postgres = await startPostgresServer();
  try {
    rows.push(...(await measure('PostgreSQL', openPostgresDatabase(postgres.createDatabase(), systemClock))));
  } finally {
    await postgres.stop();
  }
  return rows;
}

async function measure(engine: string, database: SqlDatabase): Promise<BenchRow[]> {
  const store = new RoomStore(database);
  const rooms = Array.from({ length: ROOMS }, (_, i) =>
    Room.parse({ id: `room-${String(i).padStart(3, '0')}`, name: `Room ${i}`, timeZone: ZONES[i % ZONES.length], capacity: 4 + (i % 8) * 2, location: { building: `Building ${i % 5}`, floor: i % 4 } }),
  );
  const clock = new FakeClock(NOW);
  for (const room of rooms) store.saveRoom(room, clock.now());
  const history = fillHistory(database, rooms);
  const bridge = await startTestBridge({ clock, store });
  try {
    const query = `from=${RANGE.from}&to=${RANGE.to}`;
    const json = await timed(`${bridge.url}/api/admin/insights?${query}`);
    const csv = await timed(`${bridge.url}/api/admin/insights.csv?${query}`);
    const answer = InsightsAnswer.parse(JSON.parse(json.body));
    if (answer.rooms.length !== ROOMS || answer.overall.meetings < history.meetings * 0.9) {
      throw new Error(`insights counted ${answer.overall.meetings} of ${history.meetings} meetings in ${answer.rooms.length} rooms`);
    }
    const what = `insights, ${ROOMS} rooms × 400 days (${history.meetings} meetings, ${history.presence} presence intervals, ${engine})`;
    const row = (kind: string, times: Timings): BenchRow => ({
      what: `${what}: ${kind} (median of ${SAMPLES})`,
      value: `${times.median.toFixed(0)} ms (first ${times.first.toFixed(0)}, max ${times.max.toFixed(0)})`,
      budget: '<= 1000 ms',
      ok: times.median <= 1000,
    });
    return [row('JSON', json), row('CSV', csv)];
  } finally {
    await bridge.close();
    database.close();
  }
}

interface Timings {
  first: number;
  median: number;
  max: number;
}

async function timed(url: string): Promise<Timings & { body: string }> {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    body = await response.text();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${body}`);
  }
  return { first: times[0]!, median: percentile(times, 50), max: Math.max(...times), body };
}

/** Thirteen months of a busy building, as the recorders leave them: one row per meeting, and per time people were seen. */
function fillHistory(database: SqlDatabase, rooms: readonly Room[]): { meetings: number; presence: number } {
  const meetings: SqlValue[][] = [];
  const presence: SqlValue[][] = [];
  for (const [index, room] of rooms.entries()) {
    for (let day = Date.parse(`${FIRST_DAY}T00:00:00Z`); day < Date.parse(NOW); day += DAY_MS) {
      const date = new Date(day);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      const workdayStart = wallTimeToInstant(`${date.toISOString().slice(0, 10)}T08:00`, room.timeZone)!;
      for (let n = 0; n < MEETINGS_PER_WORKDAY; n++) {
        // 08:00, 09:30, 11:00, 12:30, 14:00 and 15:30 in the room's zone; every tenth a no-show, an early end, nobody seen...
        const start = workdayStart + n * 90 * MINUTE_MS;
        const variant = (index + n + day / DAY_MS) % 10;
        const bookedEnd = start + (variant < 5 ? 60 : 30) * MINUTE_MS;
        const released = variant === 9 ? start + 10 * MINUTE_MS : null;
        const end = variant === 8 ? start + 20 * MINUTE_MS : bookedEnd;
        const origin = variant === 2 ? 'panel' : variant === 3 ? 'phone' : 'calendar';
        meetings.push([room.id, `${room.id}-${start}`, start, bookedEnd, end, origin, released === null ? start : null, released, variant === 8 ? 1 : 0]);
        if (released === null && variant !== 7) presence.push([room.id, 'base-unit', start + 2 * MINUTE_MS, end - 3 * MINUTE_MS, 2 + (variant % 5)]);
      }
    }
  }
  database.transaction(() => {
    insertAll(database, 'meeting_history (room_id, meeting_id, start_at, booked_end_at, end_at, origin, checked_in_at, released_at, ended_early)', meetings);
    insertAll(database, 'presence_history (room_id, source, from_at, to_at, max_people)', presence);
  });
  return { meetings: meetings.length, presence: presence.length };
}

function insertAll(database: SqlDatabase, table: string, rows: readonly SqlValue[][]): void {
  for (let first = 0; first < rows.length; first += BATCH) {
    const batch = rows.slice(first, first + BATCH);
    const values = batch.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    database.prepare(`INSERT INTO ${table} VALUES ${values}`).run(...batch.flat());
  }
}
