import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(clock = new FakeClock('2026-11-23T07:00:00Z')): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock, rooms: [ROOM] });
  running.push(m365);
  m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  await m365.settle();
  return m365;
}

/** The room's meetings in the bridge's store and in Exchange over the sync window, as comparable rows. */
function bothSides(m365: M365Bridge): { bridge: string[]; exchange: string[] } {
  const from = Date.parse('2026-11-22T00:00:00Z');
  const to = Date.parse('2026-12-01T00:00:00Z');
  const bridge = m365.store
    .meetingsBetween(ROOM.id, from, to)
    .map((m) => `${m.start} ${m.end} ${m.subject}`)
    .sort();
  const exchange = m365.tenant
    .eventsOf(ROOM.mailbox)
    .filter((e) => e.end > from && e.start < to)
    .map((e) => `${new Date(e.start).toISOString()} ${new Date(e.end).toISOString()} ${e.subject}`)
    .sort();
  return { bridge, exchange };
}

function slot(day: number, hour: number, minutes = 30): { start: string; end: string } {
  const start = Date.UTC(2026, 10, 23 + day) + hour * 3600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
}

describe('Microsoft 365: calendarView delta', () => {
  it('reads a week of 120 meetings across pages', async () => {
    const m365 = await start();
    for (let i = 0; i < 120; i++) m365.tenant.scheduleMeeting(PERSON, { subject: `Meeting ${i}`, ...slot(Math.floor(i / 20), 6 + (i % 20) / 2, 20), rooms: [ROOM.mailbox] });
    await m365.integration.syncNow(ROOM.id);
    const { bridge, exchange } = bothSides(m365);
    expect(exchange).toHaveLength(120);
    expect(bridge).toEqual(exchange);
  });

  it.each([
    ['has forgotten the delta token (410 SyncStateNotFound)', 'sync-state-not-found'],
    ['asks for a resync (400 resyncRequired)', 'resync-required'],
    ['resets the sync (410 with a Location to start over from)', 'gone-with-location'],
  ] as const)('starts over in the same round when Exchange %s', async (_, answer) => {
    const m365 = await start();
    const kept = m365.tenant.scheduleMeeting(PERSON, { subject: 'Kept', ...slot(0, 9), rooms: [ROOM.mailbox] });
    const dropped = m365.tenant.scheduleMeeting(PERSON, { subject: 'Dropped', ...slot(0, 10), rooms: [ROOM.mailbox] });
    await m365.integration.syncNow(ROOM.id);
    m365.tenant.deltaRefusal = { answer, everyRound: false };
    m365.tenant.expireDeltaTokens();
    m365.tenant.cancelMeeting(PERSON, dropped.id);
    m365.tenant.updateMeeting(PERSON, kept.id, { subject: 'Kept, renamed' });
    m365.tenant.scheduleMeeting(PERSON, { subject: 'New', ...slot(1, 9), rooms: [ROOM.mailbox] });
    expect(await m365.integration.syncNow(ROOM.id)).toBe(true);
    const { bridge, exchange } = bothSides(m365);
    expect(bridge).toEqual(exchange);
    expect(bridge.map((row) => row.split(' ').slice(2).join(' '))).toEqual(['Kept, renamed', 'New']);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Kept, renamed']);
  });

  it('warns when the resync fails round after round, keeping the meetings shown, and stops warning when a round completes', async () => {
    const m365 = await start();
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Standup', ...slot(0, 9), rooms: [ROOM.mailbox] });
    await m365.integration.syncNow(ROOM.id);
    const resyncWarnings = () => m365.integration.status().warnings.filter((w) => w.code === 'delta-resync-failing');
    const requests = () => m365.integration.status().requestsPerMailbox[ROOM.mailbox] ?? 0;

    m365.tenant.deltaRefusal = { answer: 'resync-required', everyRound: true };
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Review', ...slot(0, 11), rooms: [ROOM.mailbox] });
    const before = requests();
    expect(await m365.integration.syncNow(ROOM.id)).toBe(false);
    expect(await m365.integration.syncNow(ROOM.id)).toBe(false);
    expect(resyncWarnings()).toEqual([]);
    expect(await m365.integration.syncNow(ROOM.id)).toBe(false);
    expect(resyncWarnings()).toEqual([expect.objectContaining({ roomId: ROOM.id, message: expect.stringContaining(ROOM.mailbox) })]);
    // The refused token and the restart, then one fresh request a round: the dead token is not sent again.
    expect(requests() - before).toBe(4);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Standup']);

    m365.tenant.deltaRefusal = { answer: 'resync-required', everyRound: false };
    expect(await m365.integration.syncNow(ROOM.id)).toBe(true);
    expect(resyncWarnings()).toEqual([]);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Standup', 'Review']);
  });

  it('keeps the newest version when changes repeat and arrive out of order', async () => {
    const m365 = await start();
    m365.tenant.deltaQuirks = { shuffle: true, repeat: true };
    const meetings = Array.from({ length: 12 }, (_, i) => m365.tenant.scheduleMeeting(PERSON, { subject: `v0 ${i}`, ...slot(0, 8 + i), rooms: [ROOM.mailbox] }));
    await m365.integration.syncNow(ROOM.id);
    for (let version = 1; version <= 3; version++) {
      for (const [i, meeting] of meetings.entries()) {
        m365.clock.advance(1000);
        m365.tenant.updateMeeting(PERSON, meeting.id, { subject: `v${version} ${i}` });
      }
      if (version === 2) await m365.integration.syncNow(ROOM.id);
    }
    m365.tenant.cancelMeeting(PERSON, meetings[0]!.id);
    await m365.integration.syncNow(ROOM.id);
    const { bridge, exchange } = bothSides(m365);
    expect(exchange).toHaveLength(11);
    expect(bridge).toEqual(exchange);
  });

  it('moves its window at the room midnight: tomorrow becomes today and last week is gone', async () => {
    const clock = new FakeClock('2026-11-23T22:30:00Z');
    const m365 = await start(clock);
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Tomorrow morning', start: '2026-11-24T08:00:00Z', end: '2026-11-24T09:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    expect(m365.state(ROOM.id).events).toEqual([]);
    await m365.advance(31 * 60_000, 15_000);
    expect(m365.state(ROOM.id).events.map((e) => e.subject)).toEqual(['Tomorrow morning']);
  });
});
