import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../admin/audit-log.ts';
import { parseEventRef } from '../calendars/microsoft-365/event-ref.ts';
import { RemoteStore } from '../calendars/remote/remote-store.ts';
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

  it('moves Microsoft 365\'s links and waiting changes onto the remote-calendar engine\'s tables, each booking where the bridge changes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-db-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'lintel.sqlite3'));
    const before = MIGRATIONS.findIndex((migration) => migration.includes('DROP TABLE m365_events'));
    for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration);
    old.pragma(`user_version = ${before}`);
    old.prepare('INSERT INTO rooms (id, data, updated_at) VALUES (?, ?, 1)').run('harbour', JSON.stringify({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', microsoft365: { mailbox: 'harbour@contoso.example' } }));
    const meeting = (id: string, extra: object) => JSON.stringify({ id, roomId: 'harbour', subject: id, organizer: null, isPrivate: false, checkedInAt: null, origin: 'calendar', allDay: false, start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T10:00:00.000Z', ...extra });
    const addMeeting = old.prepare('INSERT INTO meetings (id, room_id, span_start, span_end, data) VALUES (?, ?, 1, 2, ?)');
    addMeeting.run('m365-attended', 'harbour', meeting('m365-attended', { organizedElsewhere: true }));
    addMeeting.run('m365-own-room', 'harbour', meeting('m365-own-room', {}));
    addMeeting.run('walk-up-answered', 'harbour', meeting('walk-up-answered', { origin: 'walk-up' }));
    const link = old.prepare('INSERT INTO m365_events (meeting_id, room_id, remote_id, ical_uid, organizer_mailbox, organizer_event_id, room_response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    link.run('m365-attended', 'harbour', 'AAMk-attended', 'uid-attended', null, null, null, 5);
    link.run('m365-own-room', 'harbour', 'AAMk-room', 'uid-room', null, null, null, 5);
    link.run('m365-released', 'harbour', 'AAMk-released', 'uid-released', null, null, null, 5);
    link.run('walk-up-answered', 'harbour', 'AAMk-copy', 'uid-booking', 'bookings@contoso.example', 'AAMk-organizer', 'accepted', 6);
    link.run('walk-up-awaiting', 'harbour', null, 'uid-awaiting', 'bookings@contoso.example', 'AAMk-awaiting', 'pending', 7);
    link.run('walk-up-unwritten', 'harbour', null, null, null, null, 'pending', 8);
    const queue = old.prepare('INSERT INTO m365_outbox (room_id, meeting_id, change, created_at) VALUES (?, ?, ?, ?)');
    queue.run('harbour', 'walk-up-unwritten', JSON.stringify({ kind: 'create', meeting: { id: 'walk-up-unwritten' } }), 8);
    queue.run('harbour', 'm365-released', JSON.stringify({ kind: 'release', meetingId: 'm365-released' }), 9);
    queue.run('harbour', 'series:AAMk-series', JSON.stringify({ kind: 'decline-series', seriesId: 'AAMk-series', comment: 'Released by Lintel' }), 10);
    old.close();

    const db = openSqliteDatabase(dir);
    const remote = new RemoteStore(db);
    const refOf = (meetingId: string) => parseEventRef(remote.linkOf(meetingId)?.ref ?? '');
    // A meeting someone else organizes is declined; the room's own is changed on its calendar; one no longer stored is declined, as before.
    expect([refOf('m365-attended'), refOf('m365-own-room'), refOf('m365-released')]).toEqual([
      { event: 'AAMk-attended', attends: true },
      { event: 'AAMk-room' },
      { event: 'AAMk-released', attends: true },
    ]);
    expect(remote.linkOf('walk-up-answered')).toMatchObject({ key: 'AAMk-copy', createdFor: 'walk-up-answered', sharedId: 'uid-booking', awaitsAnswer: false });
    expect(refOf('walk-up-answered')).toEqual({ event: 'AAMk-organizer', organizer: 'bookings@contoso.example' });
    expect(remote.awaitingAnswers('harbour')).toEqual([expect.objectContaining({ meetingId: 'walk-up-awaiting', key: null, createdAt: 7 })]);
    expect(remote.linkOf('walk-up-unwritten')).toMatchObject({ key: null, ref: null, createdFor: 'walk-up-unwritten', awaitsAnswer: false });
    expect(remote.outbox.waiting(10).map((entry) => [entry.meetingId, entry.change.kind])).toEqual([
      ['walk-up-unwritten', 'create'],
      ['m365-released', 'release'],
      ['series:AAMk-series', 'decline-series'],
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'm365_%' AND type = 'table' ORDER BY name").all()).toEqual([{ name: 'm365_account' }, { name: 'm365_credential' }, { name: 'm365_revocation' }]);
    db.close();
  });
});
