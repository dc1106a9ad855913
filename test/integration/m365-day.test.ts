import { afterEach, describe, expect, it } from 'vitest';
import { localDayOf } from '../../shared/time-zone.ts';
import { clientOf } from '../../bridge/src/limits/client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import type { EmulatedEvent } from '../graph-emulator/events.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example', timeZone: 'Europe/Amsterdam' };
const PEOPLE = ['ada@contoso.example', 'grace@contoso.example', 'alan@contoso.example'];
const SYNC_PERIOD_MS = 15_000;
/** The scheduler's jitter stretches a period by at most 10%. */
const WITHIN_ONE_PERIOD_MS = SYNC_PERIOD_MS * 1.1;

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A small seeded generator, so a failing day can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function displayRows(m365: M365Bridge): string[] {
  return m365
    .state(ROOM.id)
    .events.filter((e) => !e.allDay)
    .map((e) => `${e.start}|${e.end}`)
    .sort();
}

function exchangeRows(m365: M365Bridge): string[] {
  const day = localDayOf(m365.clock.now(), ROOM.timeZone);
  return m365.tenant
    .eventsOf(ROOM.mailbox)
    .filter((e) => !e.isAllDay && e.end > day.start && e.start < day.end)
    .map((e) => `${new Date(e.start).toISOString()}|${new Date(e.end).toISOString()}`)
    .sort();
}

describe('Microsoft 365: a whole day against a busy calendar', () => {
  it('keeps the display equal to the room calendar within one sync period, all day', { timeout: 180_000 }, async () => {
    const clock = new FakeClock('2026-11-22T23:00:00Z');
    const m365 = await startM365Bridge({ clock, rooms: [ROOM] });
    running.push(m365);
    for (const address of PEOPLE) m365.tenant.addMailbox({ displayName: address.split('@')[0]!, emailAddress: address });
    await m365.settle();
    const next = random(20261123);
    const organized = new Map<string, { organizer: string; event: EmulatedEvent }>();
    let changes = 0;
    let walkUps = 0;

    const end = Date.parse('2026-11-23T23:00:00Z');
    while (clock.now() < end) {
      const roll = next();
      const organizer = PEOPLE[Math.floor(next() * PEOPLE.length)]!;
      const startAt = Math.ceil((clock.now() + next() * 6 * 3600_000) / 900_000) * 900_000;
      const live = [...organized.values()].filter(({ event }) => m365.tenant.eventsOf(event.mailbox).some((e) => e.id === event.id));
      const target = live[Math.floor(next() * live.length)];
      if (roll < 0.45 || !target) {
        const event = m365.tenant.scheduleMeeting(organizer, {
          subject: `Meeting ${changes}`,
          start: new Date(startAt).toISOString(),
          end: new Date(startAt + (1 + Math.floor(next() * 4)) * 15 * 60_000).toISOString(),
          rooms: [ROOM.mailbox],
        });
        organized.set(event.id, { organizer, event });
      } else if (roll < 0.7) {
        m365.tenant.updateMeeting(target.organizer, target.event.id, { start: new Date(startAt).toISOString(), end: new Date(startAt + 30 * 60_000).toISOString() });
      } else if (roll < 0.9) {
        m365.tenant.cancelMeeting(target.organizer, target.event.id);
      } else if (m365.state(ROOM.id).status === 'available' || m365.state(ROOM.id).status === 'starting-soon') {
        const booked = m365.bridge.rooms.applyAction(ROOM.id, { id: crypto.randomUUID(), type: 'book-now' }, clientOf({ address: '192.0.2.10' }));
        if (booked.ok) walkUps++;
      }
      changes++;

      await m365.advance(WITHIN_ONE_PERIOD_MS, 1500);
      expect({ at: new Date(clock.now()).toISOString(), rows: displayRows(m365) }).toEqual({ at: new Date(clock.now()).toISOString(), rows: exchangeRows(m365) });
      await m365.advance((3 + Math.floor(next() * 5)) * 60_000 - WITHIN_ONE_PERIOD_MS, 60_000);
    }

    expect(changes).toBeGreaterThan(200);
    expect(walkUps).toBeGreaterThan(3);
    expect(m365.integration.status().outboxDepth).toBe(0);
    // Every request of the day, spread over 10-minute windows: the budget is 100 per room.
    const perTenMinutes = m365.tenant.requestCount(ROOM.mailbox) / (24 * 6);
    expect(perTenMinutes).toBeLessThanOrEqual(100);
  });
});
