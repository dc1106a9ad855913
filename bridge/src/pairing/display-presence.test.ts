import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { LocalPresence, PRESENCE_TTL_MS, SharedPresence, type DisplayPresence } from './display-presence.ts';

const NOW = Date.parse('2026-11-23T09:00:00Z');

describe.each([
  ['one process', () => new LocalPresence()],
  ['a hub', () => new SharedPresence(openTestDatabase(), new FakeClock(NOW), 'host:1:a')],
] as const)('display presence, %s', (_, make: () => DisplayPresence) => {
  it('holds a display online while any of its sockets is, and a socket closed twice counts once', () => {
    const presence = make();
    const first = presence.connected('lobby');
    const second = presence.connected('lobby');
    first();
    first();
    expect(presence.isOnline('lobby')).toBe(true);
    second();
    expect(presence.isOnline('lobby')).toBe(false);
    expect(presence.isOnline('never-seen')).toBe(false);
  });

  it('counts no socket once stopped', () => {
    const presence = make();
    presence.connected('lobby');
    presence.stop();
    expect(presence.isOnline('lobby')).toBe(false);
  });
});

describe('display presence in a hub', () => {
  it("shows a display connected to one process as online on another, until its socket closes, whatever time passes", () => {
    const store = openTestDatabase();
    const clock = new FakeClock(NOW);
    const holding = new SharedPresence(store, clock, 'host-a:1:a');
    const other = new SharedPresence(store, clock, 'host-b:1:b');
    const close = holding.connected('lobby');
    expect(other.isOnline('lobby')).toBe(true);
    clock.advance(10 * PRESENCE_TTL_MS);
    expect(other.isOnline('lobby')).toBe(true);
    close();
    expect(other.isOnline('lobby')).toBe(false);
  });

  it('takes a display whose process died for offline within 45 s, and sees it again through the process it reconnects to', () => {
    const store = openTestDatabase();
    const deadClock = new FakeClock(NOW);
    const clock = new FakeClock(NOW);
    new SharedPresence(store, deadClock, 'host-a:1:a').connected('lobby');
    const other = new SharedPresence(store, clock, 'host-b:1:b');
    clock.advance(PRESENCE_TTL_MS - 1);
    expect(other.isOnline('lobby')).toBe(true);
    clock.advance(1);
    expect(other.isOnline('lobby')).toBe(false);
    other.connected('lobby');
    expect(new SharedPresence(store, clock, 'host-c:1:c').isOnline('lobby')).toBe(true);
  });

  it("a process that stops takes its displays offline for the others at once, and leaves another's", () => {
    const store = openTestDatabase();
    const clock = new FakeClock(NOW);
    const stopping = new SharedPresence(store, clock, 'host-a:1:a');
    const staying = new SharedPresence(store, clock, 'host-b:1:b');
    stopping.connected('lobby');
    staying.connected('loft');
    stopping.stop();
    expect([staying.isOnline('lobby'), staying.isOnline('loft')]).toEqual([false, true]);
  });
});
