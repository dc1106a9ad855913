import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Room } from '../../shared/model.ts';
import { parseEventRef } from '../../bridge/src/calendars/microsoft-365/event-ref.ts';
import { RemoteStore } from '../../bridge/src/calendars/remote/remote-store.ts';
import { POSTGRES_MIGRATIONS } from '../../bridge/src/store/postgres-schema.ts';
import { openPostgresDatabase } from '../../bridge/src/store/postgres-database.ts';
import type { SqlDatabase } from '../../bridge/src/store/sql-database.ts';
import { openSqliteDatabase } from '../../bridge/src/store/sqlite-database.ts';
import { RoomStore } from '../../bridge/src/store/room-store.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { StoreUnavailableError } from '../../bridge/src/store/store-unavailable.ts';
import { tempDataDir } from '../support/bridge-process.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { freePort } from '../support/server-process.ts';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let postgres: PostgresServer;
const cleanup: (() => void)[] = [];
beforeAll(async () => {
  postgres = await startPostgresServer();
}, 60_000);
afterAll(async () => {
  for (const step of cleanup.splice(0)) step();
  await postgres.stop();
});

/** Where a store lives, so that other processes can open the same one. */
type Location = { engine: 'sqlite'; dir: string } | { engine: 'postgres'; url: string };

function newLocation(engine: Location['engine']): Location {
  if (engine === 'postgres') return { engine, url: postgres.createDatabase() };
  const data = tempDataDir();
  cleanup.push(data.remove);
  return { engine, dir: data.dir };
}

function open(location: Location): SqlDatabase {
  const db = location.engine === 'sqlite' ? openSqliteDatabase(location.dir) : openPostgresDatabase(location.url, systemClock);
  cleanup.push(() => db.close());
  return db;
}

/**
 * A bridge process's share of the work: it opens the store at the agreed
 * moment (so the processes really collide, migrations included), then adds
 * one to a counter 25 times, each time reading it, pausing, then writing it.
 */
const COUNTER = `
import { openPostgresDatabase } from './bridge/src/store/postgres-database.ts';
import { openSqliteDatabase } from './bridge/src/store/sqlite-database.ts';
import { systemClock } from './bridge/src/system-clock.ts';
const location = JSON.parse(process.argv[1]);
while (Date.now() < Number(process.argv[2]));
const db = location.engine === 'sqlite' ? openSqliteDatabase(location.dir) : openPostgresDatabase(location.url, systemClock);
db.prepare("INSERT INTO rooms (id, data, updated_at) VALUES ('counter', '{}', 0) ON CONFLICT (id) DO NOTHING").run();
for (let i = 0; i < 25; i++) {
  db.transaction(() => {
    const { updated_at } = db.prepare("SELECT updated_at FROM rooms WHERE id = 'counter'").get();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    db.prepare("UPDATE rooms SET updated_at = ? WHERE id = 'counter'").run(updated_at + 1);
  });
}
db.close();
`;

function count(location: Location, at: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', COUNTER, JSON.stringify(location), String(at)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const room = (id: string, name = id) => Room.parse({ id, name, timeZone: 'Europe/Amsterdam' });

describe.each(['sqlite', 'postgres'] as const)('the store engine on %s', (engine) => {
  it('hands integers back as numbers, nulls as null, and keeps the case of quoted aliases', () => {
    const db = open(newLocation(engine));
    db.prepare('INSERT INTO displays (id, room_id, linked_at, linked_by, last_seen_at) VALUES (?, ?, ?, ?, ?)').run('d1', null, null, null, 1_795_000_000_123);
    expect(db.prepare('SELECT room_id, linked_at, last_seen_at AS "lastSeenAt" FROM displays WHERE id = ?').get('d1')).toEqual({
      room_id: null,
      linked_at: null,
      lastSeenAt: 1_795_000_000_123,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM displays').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT * FROM displays WHERE id = ?').get('nobody')).toBeUndefined();
  });

  it('takes a question mark inside quoted text as text, not as a placeholder', () => {
    const db = open(newLocation(engine));
    db.prepare("INSERT INTO displays (id, linked_by, last_seen_at) VALUES (?, 'who?', ?)").run('d?', 5);
    expect(db.prepare("SELECT id, linked_by FROM displays WHERE linked_by = 'who?' AND id = ?").all('d?')).toEqual([{ id: 'd?', linked_by: 'who?' }]);
  });

  it('throws on a wrong statement without taking it for the store being away', () => {
    const db = open(newLocation(engine));
    expect(() => db.prepare('SELECT nothing FROM displays').all()).toThrow();
    expect(() => db.prepare('SELECT nothing FROM displays').all()).not.toThrow(StoreUnavailableError);
    expect(db.prepare('SELECT COUNT(*) AS n FROM displays').get()).toEqual({ n: 0 });
  });

  it('counts the rows a write changed', () => {
    const db = open(newLocation(engine));
    const insert = db.prepare('INSERT INTO displays (id, last_seen_at) VALUES (?, ?)');
    insert.run('a', 1);
    insert.run('b', 1);
    expect(db.prepare('UPDATE displays SET last_seen_at = ? WHERE last_seen_at = ?').run(2, 1)).toMatchObject({ changes: 2 });
    expect(db.prepare('DELETE FROM displays WHERE id = ?').run('nobody')).toMatchObject({ changes: 0 });
  });

  it('stores all of a transaction or none of it, and undoes only a failed inner one', () => {
    const db = open(newLocation(engine));
    const store = new RoomStore(db);
    expect(() =>
      store.transaction(() => {
        store.saveRoom(room('loft'), 1);
        throw new Error('half way');
      }),
    ).toThrow('half way');
    expect(store.listRooms()).toEqual([]);

    store.transaction(() => {
      store.saveRoom(room('loft'), 1);
      expect(() =>
        store.transaction(() => {
          store.saveRoom(room('attic'), 1);
          throw new Error('inner');
        }),
      ).toThrow('inner');
      store.saveRoom(room('cellar'), 1);
    });
    expect(store.listRooms().map((r) => r.id)).toEqual(['cellar', 'loft']);
  });

  it('refuses async work in a transaction and stores none of it', () => {
    const db = open(newLocation(engine));
    const store = new RoomStore(db);
    expect(() =>
      store.transaction((() => {
        store.saveRoom(room('loft'), 1);
        return Promise.resolve();
      }) as () => void),
    ).toThrow();
    expect(store.listRooms()).toEqual([]);
  });

  it('serializes write transactions across processes opening a new store together: no increment is lost', { timeout: 120_000 }, async () => {
    const location = newLocation(engine);
    // Late enough for every process to have loaded, on a machine running other tests too.
    const at = Date.now() + 4_000;
    const runs = await Promise.all(Array.from({ length: 4 }, () => count(location, at)));
    expect(runs.map(({ code, output }) => (code === 0 ? 'ok' : output))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(open(location).prepare("SELECT updated_at FROM rooms WHERE id = 'counter'").get()).toEqual({ updated_at: 100 });
  });
});

describe('the two store engines', () => {
  /** Each table's columns, by name: the types differ by design (BIGINT for instants in PostgreSQL). */
  const columns = (rows: unknown[]) => {
    const tables = new Map<string, string[]>();
    for (const { table, column } of rows as { table: string; column: string }[]) tables.set(table, [...(tables.get(table) ?? []), column].sort());
    return Object.fromEntries([...tables].sort(([a], [b]) => a.localeCompare(b)));
  };

  it('keep the same tables and columns, but for what each keeps aside', () => {
    const sqlite = open(newLocation('sqlite'));
    const inSqlite = columns(
      sqlite
        .prepare("SELECT m.name AS \"table\", c.name AS \"column\" FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
        .all(),
    );
    const postgresDb = open(newLocation('postgres'));
    const inPostgres = columns(
      postgresDb.prepare('SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = current_schema()').all(),
    );
    // SQLite keeps version 3's English audit rows aside; PostgreSQL keeps its schema version in a table, and the local admin token that SQLite installs keep in a file.
    const { admin_audit_v3: _old, ...sqliteTables } = inSqlite;
    const { lintel_schema: _version, admin_token: _token, ...postgresTables } = inPostgres;
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(10);
    expect(postgresTables).toEqual(sqliteTables);
  });
});

describe('the store engine on postgres, upgrading a database', () => {
  it('moves Microsoft 365\'s links and waiting changes onto the remote-calendar engine\'s tables, each booking where the bridge changes it', () => {
    const { url } = newLocation('postgres') as { url: string };
    const before = POSTGRES_MIGRATIONS.findIndex((migration) => migration.includes('DROP TABLE m365_events'));
    const meeting = (id: string, extra: string) =>
      `'{"id":"${id}","roomId":"harbour","subject":"${id}","organizer":null,"isPrivate":false,"checkedInAt":null,"origin":"calendar","allDay":false,"start":"2026-11-23T09:00:00.000Z","end":"2026-11-23T10:00:00.000Z"${extra}}'`;
    const older = [
      ...POSTGRES_MIGRATIONS.slice(0, before),
      `CREATE TABLE lintel_schema (version INTEGER NOT NULL); INSERT INTO lintel_schema (version) VALUES (${before})`,
      `INSERT INTO rooms (id, data, updated_at) VALUES ('harbour', '{"id":"harbour","name":"Harbour","timeZone":"Europe/Amsterdam","microsoft365":{"mailbox":"harbour@contoso.example"}}', 1)`,
      `INSERT INTO meetings (id, room_id, span_start, span_end, data) VALUES ('m365-attended', 'harbour', 1, 2, ${meeting('m365-attended', ',"organizedElsewhere":true')}), ('m365-own-room', 'harbour', 1, 2, ${meeting('m365-own-room', '')})`,
      `INSERT INTO m365_events (meeting_id, room_id, remote_id, ical_uid, organizer_mailbox, organizer_event_id, room_response, created_at) VALUES
         ('m365-attended', 'harbour', 'AAMk-attended', 'uid-attended', NULL, NULL, NULL, 5),
         ('m365-own-room', 'harbour', 'AAMk-room', 'uid-room', NULL, NULL, NULL, 5),
         ('walk-up-awaiting', 'harbour', NULL, 'uid-awaiting', 'bookings@contoso.example', 'AAMk-awaiting', 'pending', 7)`,
      `INSERT INTO m365_outbox (room_id, meeting_id, change, created_at) VALUES ('harbour', 'series:AAMk-series', '{"kind":"decline-series","seriesId":"AAMk-series","comment":"Released"}', 10)`,
    ];
    for (const statement of older) execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement], { stdio: 'pipe' });

    const remote = new RemoteStore(open({ engine: 'postgres', url }));
    expect(['m365-attended', 'm365-own-room', 'walk-up-awaiting'].map((id) => parseEventRef(remote.linkOf(id)?.ref ?? ''))).toEqual([
      { event: 'AAMk-attended', attends: true },
      { event: 'AAMk-room' },
      { event: 'AAMk-awaiting', organizer: 'bookings@contoso.example' },
    ]);
    expect(remote.awaitingAnswers('harbour')).toEqual([expect.objectContaining({ meetingId: 'walk-up-awaiting', createdFor: 'walk-up-awaiting', sharedId: 'uid-awaiting', createdAt: 7 })]);
    expect(remote.outbox.waiting(10).map((entry) => entry.change)).toEqual([{ kind: 'decline-series', seriesId: 'AAMk-series', comment: 'Released' }]);
  });
});

describe('the store engine on postgres, when the database goes away', () => {
  it('fails the call under way with a clear error, and connects again for the next one', () => {
    const url = postgres.createDatabase();
    const store = new RoomStore(open({ engine: 'postgres', url }));
    store.saveRoom(room('loft'), 1);
    const terminate = () =>
      execFileSync('psql', ['-X', '-q', '-d', url, '-c', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lintel-bridge' AND datname = current_database()"], { stdio: 'pipe' });

    terminate();
    expect(() => store.listRooms()).toThrow(StoreUnavailableError);
    expect(store.listRooms().map((r) => r.id)).toEqual(['loft']);

    expect(() =>
      store.transaction(() => {
        store.saveRoom(room('attic'), 1);
        terminate();
        store.saveRoom(room('cellar'), 1);
      }),
    ).toThrow(StoreUnavailableError);
    expect(store.listRooms().map((r) => r.id)).toEqual(['loft']);
  });

  it('survives connections closed and collected at once, as a reconnecting bridge makes them', { timeout: 60_000 }, async () => {
    const url = postgres.createDatabase();
    const churn = `
      import { openPostgresDatabase } from './bridge/src/store/postgres-database.ts';
      import { systemClock } from './bridge/src/system-clock.ts';
      const openAndClose = () => openPostgresDatabase(process.argv[1], systemClock).close();
      for (let i = 0; i < 100; i++) {
        openAndClose();
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      console.log('done');
    `;
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', churn, url], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => resolve({ code, output }));
    });
    expect(run).toEqual({ code: 0, output: 'done\n' });
  });

  it('after a failed connection, tries again only after a pause that grows, failing at once in between', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const db = openPostgresDatabase(postgres.createDatabase(), clock);
    cleanup.push(() => db.close());
    const count = () => db.prepare('SELECT COUNT(*) AS n FROM rooms').get();
    await postgres.pause();
    try {
      expect(count).toThrow(StoreUnavailableError);
      expect(count).toThrow(/^PostgreSQL: cannot connect \([^)]*\)$/);
      expect(count).toThrow(/trying again in 1 s$/);
      clock.advance(1_000);
      expect(count).toThrow(/^PostgreSQL: cannot connect \([^)]*\)$/);
      expect(count).toThrow(/trying again in 2 s$/);
    } finally {
      await postgres.resume();
    }
    expect(count).toThrow(/trying again in 2 s$/);
    clock.advance(2_000);
    expect(count()).toEqual({ n: 0 });
  });

  it('refuses to open a database nobody answers for, saying so', async () => {
    const closedPort = await freePort();
    expect(() => openPostgresDatabase(`postgresql://lintel@127.0.0.1:${closedPort}/lintel`, systemClock)).toThrow(/PostgreSQL: cannot connect/);
    expect(() => openPostgresDatabase(`postgresql://lintel@127.0.0.1:${closedPort}/lintel`, systemClock)).toThrow(StoreUnavailableError);
  });

  it('refuses a database written by a newer Lintel', () => {
    const url = postgres.createDatabase();
    open({ engine: 'postgres', url }).exec('UPDATE lintel_schema SET version = 99');
    expect(() => openPostgresDatabase(url, systemClock)).toThrow(`The database was written by a newer Lintel (schema 99); this one knows ${POSTGRES_MIGRATIONS.length}.`);
  });
});
