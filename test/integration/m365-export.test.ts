import { afterEach, describe, expect, it } from 'vitest';
import { Room } from '../../shared/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { timed } from '../support/meetings.ts';
import { SERVICE_MAILBOX, startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example', unlinked: true };

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A room run locally until now, with `count` walk-up bookings ahead, one an hour (and one past), then linked. */
async function linkedRoomWithLocalBookings(count = 45): Promise<M365Bridge> {
  const clock = new FakeClock('2026-11-23T08:00:00Z');
  const m365 = await startM365Bridge({ clock, rooms: [ROOM] });
  running.push(m365);
  m365.store.saveMeeting(timed('2026-11-22T09:00:00Z', '2026-11-22T09:30:00Z', { roomId: ROOM.id, id: 'walk-up-past', origin: 'walk-up' }));
  for (let i = 0; i < count; i++) {
    const start = Date.parse('2026-11-23T09:00:00Z') + i * 3600_000;
    m365.store.saveMeeting(timed(new Date(start).toISOString(), new Date(start + 30 * 60_000).toISOString(), { roomId: ROOM.id, id: `walk-up-${i}`, origin: 'walk-up' }));
  }
  const room = m365.store.getRoom(ROOM.id)!;
  m365.store.saveRoom(Room.parse({ ...room, microsoft365: { mailbox: ROOM.mailbox } }), clock.now());
  return m365;
}

/** Exports the room while the fake clock moves on, so a wait for Retry-After ends as it would. */
async function exportAsTimePasses(m365: M365Bridge) {
  let finished = false;
  const report = m365.integration.exportFutureBookings(ROOM.id).finally(() => (finished = true));
  while (!finished) await m365.advance(1000);
  return report;
}

describe('Microsoft 365: bulk export of a newly linked room', () => {
  it('exports each future booking once, 4 to a batch, with progress; a second run exports nothing more', async () => {
    const m365 = await linkedRoomWithLocalBookings();
    const progress: [number, number][] = [];
    const report = await m365.integration.exportFutureBookings(ROOM.id, (done, total) => progress.push([done, total]));
    expect(report).toEqual({ ok: true, data: { total: 45, exported: 45, refused: [] } });
    expect(progress).toEqual([...Array.from({ length: 11 }, (_, i) => [4 * (i + 1), 45]), [45, 45], [45, 45]]);
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(45);

    await m365.integration.syncNow(ROOM.id);
    expect(m365.tenant.eventsOf(ROOM.mailbox)).toHaveLength(45);
    const local = m365.store.meetingsBetween(ROOM.id, Date.parse('2026-11-23T00:00:00Z'), Date.parse('2026-12-01T00:00:00Z'));
    expect(local).toHaveLength(45);
    expect(local.every((m) => m.origin === 'walk-up')).toBe(true);

    expect(await m365.integration.exportFutureBookings(ROOM.id)).toEqual({ ok: true, data: { total: 0, exported: 0, refused: [] } });
    expect(m365.tenant.eventsOf(SERVICE_MAILBOX)).toHaveLength(45);
  });

  it('exports 200 bookings, each exactly once, none lost to throttling, when Graph runs batch requests in parallel', async () => {
    const m365 = await linkedRoomWithLocalBookings(200);
    m365.tenant.batches.parallel = true;
    const report = await exportAsTimePasses(m365);
    expect(report).toEqual({ ok: true, data: { total: 200, exported: 200, refused: [] } });
    const inExchange = m365.tenant.eventsOf(SERVICE_MAILBOX).map((event) => event.transactionId);
    expect(inExchange.sort()).toEqual(Array.from({ length: 200 }, (_, i) => `walk-up-${i}`).sort());
  });

  it("keeps to Outlook's 4 concurrent requests on the mailbox", async () => {
    const m365 = await linkedRoomWithLocalBookings();
    m365.tenant.batches.parallel = true;
    const report = await exportAsTimePasses(m365);
    expect(m365.tenant.batches.peak(SERVICE_MAILBOX)).toBeGreaterThan(0);
    expect(m365.tenant.batches.peak(SERVICE_MAILBOX)).toBeLessThanOrEqual(4);
    expect(report).toEqual({ ok: true, data: { total: 45, exported: 45, refused: [] } });
  });

  it('lists every booking Exchange refused, with its reason', async () => {
    const m365 = await linkedRoomWithLocalBookings();
    m365.tenant.mailbox(SERVICE_MAILBOX)!.unreachable = 'access-denied';
    const report = await m365.integration.exportFutureBookings(ROOM.id);
    expect(report.ok && report.data.exported).toBe(0);
    expect(report.ok && report.data.refused).toHaveLength(45);
    expect(report.ok && report.data.refused[0]).toMatchObject({ meetingId: 'walk-up-0', start: '2026-11-23T09:00:00.000Z', reason: expect.stringContaining('ErrorAccessDenied') });
  });

  it('refuses to export a room that is not linked', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await startM365Bridge({ clock, rooms: [ROOM] });
    running.push(m365);
    expect(await m365.integration.exportFutureBookings(ROOM.id)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await m365.integration.exportFutureBookings('nowhere')).toMatchObject({ ok: false, code: 'room-not-found' });
  });
});
