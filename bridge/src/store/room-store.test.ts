import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDayOfDate } from '../../../shared/time-zone.ts';
import { Room } from '../../../shared/model.ts';
import { allDay, timed } from '../../../test/support/meetings.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { openSqliteDatabase } from './sqlite-database.ts';
import { RoomStore } from './room-store.ts';

function storeWithRoom(timeZone: string): RoomStore {
  const store = new RoomStore(openTestDatabase());
  store.saveRoom(Room.parse({ id: 'room', name: 'Room', timeZone }), 0);
  return store;
}

describe('room store', () => {
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Amsterdam'])(
    'finds an all-day event by the local day it covers in %s',
    (timeZone) => {
      const store = storeWithRoom(timeZone);
      store.saveMeeting(allDay('2026-11-23', '2026-11-24', { id: 'offsite' }));
      const day = localDayOfDate('2026-11-23', timeZone);
      expect(store.meetingsBetween('room', day.start, day.start + 1).map((m) => m.id)).toEqual(['offsite']);
      expect(store.meetingsBetween('room', day.end - 1, day.end).map((m) => m.id)).toEqual(['offsite']);
    },
  );

  it('finds timed meetings that overlap a range, and no others', () => {
    const store = storeWithRoom('UTC');
    store.saveMeeting(timed('2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z', { id: 'a', roomId: 'room' }));
    store.saveMeeting(timed('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { id: 'b', roomId: 'room' }));
    const ids = (from: string, to: string) => store.meetingsBetween('room', Date.parse(from), Date.parse(to)).map((m) => m.id).sort();
    expect(ids('2026-11-23T09:30:00Z', '2026-11-23T10:30:00Z')).toEqual(['a', 'b']);
    expect(ids('2026-11-23T10:00:00Z', '2026-11-23T10:30:00Z')).toEqual(['b']);
    expect(ids('2026-11-23T11:00:00Z', '2026-11-23T12:00:00Z')).toEqual([]);
  });

  it('refuses to store an invalid meeting', () => {
    const store = storeWithRoom('UTC');
    const bad = { ...timed('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { roomId: 'room' }), end: '2026-11-23T09:00:00Z' };
    expect(() => store.saveMeeting(bad)).toThrow(/end must be after start/);
    expect(store.meetingsBetween('room', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('keeps its data when the data dir is opened again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lintel-store-'));
    try {
      const first = openSqliteDatabase(dir);
      new RoomStore(first).saveRoom(Room.parse({ id: 'room', name: 'Kept', timeZone: 'UTC' }), 0);
      first.close();
      const second = openSqliteDatabase(dir);
      expect(new RoomStore(second).getRoom('room')?.name).toBe('Kept');
      expect(second.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
