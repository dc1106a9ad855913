import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from './display-db.ts';
import { DisplayDb } from './display-db.ts';

function entry(id: string, roomKey = 'demo'): OutboxEntry {
  return {
    roomKey,
    roomId: roomKey,
    action: { id, type: 'end-now' },
    change: { kind: 'none' },
    takenOffline: true,
  };
}

describe('display database', () => {
  it('keeps queued actions in the order they were taken, per room, across reopening', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = await DisplayDb.open(name);
    await first.enqueue(entry('00000000-0000-4000-8000-000000000002'));
    await first.enqueue(entry('00000000-0000-4000-8000-000000000001'));
    await first.enqueue(entry('00000000-0000-4000-8000-000000000003', 'other'));
    first.close();

    const again = await DisplayDb.open(name);
    expect((await again.queued('demo')).map((e) => e.action.id)).toEqual(['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001']);
    await again.remove('00000000-0000-4000-8000-000000000002');
    await again.remove('00000000-0000-4000-8000-00000000ffff');
    expect((await again.queued('demo')).map((e) => e.action.id)).toEqual(['00000000-0000-4000-8000-000000000001']);
    await expect(again.enqueue(entry('00000000-0000-4000-8000-000000000001'))).rejects.toThrow();
    again.close();
  });

  it('keeps the last snapshot of each room', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    expect(await db.loadSnapshot('demo')).toBeUndefined();
    const snapshot = { roomKey: 'demo', state: { now: 'x' } as never, clockOffsetMs: 1200, offlineSince: null };
    await db.saveSnapshot(snapshot);
    expect(await db.loadSnapshot('demo')).toEqual(snapshot);
    await db.saveSnapshot({ ...snapshot, roomKey: 'other' });
    await db.deleteSnapshot('demo');
    expect(await db.loadSnapshot('demo')).toBeUndefined();
    expect(await db.loadSnapshot('other')).toBeDefined();
    db.close();
  });

  it('removes an action asked to be removed while it is still being written', async () => {
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const id = '00000000-0000-4000-8000-0000000000aa';
    const adding = db.enqueue(entry(id));
    await db.remove(id);
    await adding;
    expect(await db.queued('demo')).toEqual([]);
    db.close();
  });

  it("keeps the display's credential across reopening, each new one in place of the last", async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = await DisplayDb.open(name);
    expect(await first.loadCredential()).toBeUndefined();
    await first.saveCredential('first-secret');
    await first.saveCredential('second-secret');
    first.close();

    const again = await DisplayDb.open(name);
    expect(await again.loadCredential()).toBe('second-secret');
    again.close();
  });

  it('keeps problem reports until removed, one per report id, across reopening', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const sound = { roomId: 'demo', report: { id: '00000000-0000-4000-8000-0000000000b1', kind: 'sound' as const, note: 'Crackles' } };
    const first = await DisplayDb.open(name);
    await first.keepProblem(sound);
    await first.keepProblem(sound);
    await first.keepProblem({ roomId: 'other', report: { id: '00000000-0000-4000-8000-0000000000b2', kind: 'climate' } });
    first.close();

    const again = await DisplayDb.open(name);
    expect((await again.keptProblems()).map((kept) => [kept.roomId, kept.report.kind])).toEqual([
      ['demo', 'sound'],
      ['other', 'climate'],
    ]);
    await again.removeProblem(sound.report.id);
    expect((await again.keptProblems()).map((kept) => kept.report.id)).toEqual(['00000000-0000-4000-8000-0000000000b2']);
    again.close();
  });

  it('keeps the actions queued by the version before the credential store, and takes a credential after the upgrade', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // The database as version 1 of the display made it.
    const old = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('snapshots', { keyPath: 'roomKey' });
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byActionId', 'action.id', { unique: true });
      },
    });
    await old.add('outbox', entry('00000000-0000-4000-8000-000000000007'));
    old.close();

    const db = await DisplayDb.open(name);
    expect((await db.queued('demo')).map((e) => e.action.id)).toEqual(['00000000-0000-4000-8000-000000000007']);
    await db.saveCredential('secret');
    expect(await db.loadCredential()).toBe('secret');
    db.close();
  });
});
