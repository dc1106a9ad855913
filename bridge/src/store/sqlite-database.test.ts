import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../admin/audit-log.ts';
import { RoomStore } from './room-store.ts';
import { MIGRATIONS, openSqliteDatabase } from './sqlite-database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the store schema', () => {
  it('upgrades a version 3 data dir in place, keeping its English audit rows aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-db-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'lintel.sqlite3'));
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old.prepare("INSERT INTO admin_audit (at, actor, action, subject, detail) VALUES (1, 'megan', 'link', 'display 0f3a9c21', 'linked to Loft')").run();
    old.close();

    const db = openSqliteDatabase(dir);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    expect(db.prepare('SELECT detail FROM admin_audit_v3').all()).toEqual([{ detail: 'linked to Loft' }]);
    const audit = new AuditLog(db);
    audit.record(2, 'megan', { action: 'revoke', rooms: 2 });
    expect(audit.recent()).toEqual([{ at: '1970-01-01T00:00:00.002Z', actor: 'megan', event: { action: 'revoke', rooms: 2 } }]);
    db.close();
  });

  it('keeps the demo room of a data dir from before rooms had an access open, and every other room paired', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-db-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'lintel.sqlite3'));
    const before = MIGRATIONS.findIndex((migration) => migration.includes("'$.access'"));
    for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration);
    old.pragma(`user_version = ${before}`);
    const room = (id: string) => JSON.stringify({ id, name: id, timeZone: 'Europe/Amsterdam' });
    for (const id of ['demo', 'harbour']) old.prepare('INSERT INTO rooms (id, data, updated_at) VALUES (?, ?, 1)').run(id, room(id));
    old.close();

    const rooms = new RoomStore(openSqliteDatabase(dir));
    expect(rooms.getRoom('demo')?.access).toBe('open');
    expect(rooms.getRoom('harbour')?.access).toBe('paired');
    rooms.database.close();
  });
});
