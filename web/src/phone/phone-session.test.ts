import { describe, expect, it } from 'vitest';
import { Room, toPublicRoom, type RoomState } from '../../../shared/model.ts';
import type { OutboxEntry, SavedSnapshot } from '../offline/display-db.ts';
import { PhoneSession, type TabStorage } from './phone-session.ts';

/** A tab's sessionStorage. */
class MemoryStorage implements TabStorage {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const NOW = Date.parse('2026-11-23T10:00:00+01:00');
const MINUTE = 60_000;

function snapshot(clockOffsetMs = 0): SavedSnapshot {
  const state = {
    room: toPublicRoom(Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', access: 'paired' })),
    now: new Date(NOW).toISOString(),
  } as RoomState;
  return { roomKey: 'demo', state, clockOffsetMs, offlineSince: NOW };
}

function entry(actionId: string): OutboxEntry {
  return { roomKey: 'demo', roomId: 'demo', action: { id: actionId, type: 'book-now', minutes: 15 }, change: { kind: 'none' }, takenOffline: true };
}

describe("a phone's session", () => {
  it('brings back the room, the queue and its bookings after a reload within the link\'s lifetime', async () => {
    const storage = new MemoryStorage();
    const before = PhoneSession.open(storage, 'link-a', NOW + 10 * MINUTE, NOW);
    await before.saveSnapshot(snapshot());
    await before.enqueue(entry('one'));
    await before.enqueue(entry('two'));
    await before.remove('one');
    before.keepMyBookings(['walk-up-two']);

    const after = PhoneSession.open(storage, 'link-a', NOW + 10 * MINUTE, NOW + 9 * MINUTE);
    expect(await after.loadSnapshot()).toEqual(snapshot());
    expect((await after.queued()).map((queued) => queued.action.id)).toEqual(['two']);
    expect(after.myBookings()).toEqual(['walk-up-two']);
    // Another link of the same tab is another visit.
    expect(await PhoneSession.open(storage, 'link-b', NOW + 20 * MINUTE, NOW).loadSnapshot()).toBeUndefined();
  });

  it("forgets a visit once its link has expired, on the bridge's clock", async () => {
    const storage = new MemoryStorage();
    // This phone's clock is 2 minutes behind the bridge's.
    const visit = PhoneSession.open(storage, 'link-a', NOW + 10 * MINUTE, NOW - 2 * MINUTE);
    await visit.saveSnapshot(snapshot(2 * MINUTE));
    await visit.enqueue(entry('one'));

    PhoneSession.open(storage, 'link-b', NOW + 20 * MINUTE, NOW + 8 * MINUTE - 1);
    expect(storage.getItem('lintel.phone:link-a')).not.toBeNull();
    const later = PhoneSession.open(storage, 'link-b', NOW + 20 * MINUTE, NOW + 8 * MINUTE);
    expect(storage.getItem('lintel.phone:link-a')).toBeNull();
    expect(await later.queued()).toEqual([]);
  });

  it('keeps nothing more once the visit is over', async () => {
    const storage = new MemoryStorage();
    const visit = PhoneSession.open(storage, 'link-a', NOW + 10 * MINUTE, NOW);
    await visit.saveSnapshot(snapshot());
    await visit.deleteSnapshot();
    await visit.saveSnapshot(snapshot());
    await visit.enqueue(entry('one'));
    expect(storage.items.size).toBe(0);
  });

  it("keeps an open room's visit as long as the tab, and starts afresh from what it cannot read", async () => {
    const storage = new MemoryStorage();
    const open = PhoneSession.open(storage, 'room:lobby', null, NOW);
    await open.saveSnapshot(snapshot());
    storage.setItem('lintel.phone:damaged', '{not json');
    expect(await PhoneSession.open(storage, 'room:lobby', null, NOW + 24 * 60 * MINUTE).loadSnapshot()).toEqual(snapshot());
    expect(storage.getItem('lintel.phone:damaged')).toBeNull();
  });

  it('works in memory when the browser keeps nothing for the tab', async () => {
    const visit = PhoneSession.open(undefined, 'link-a', NOW + 10 * MINUTE, NOW);
    await visit.enqueue(entry('one'));
    expect((await visit.queued()).map((queued) => queued.action.id)).toEqual(['one']);
  });
});
