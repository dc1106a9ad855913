import { afterEach, describe, expect, it } from 'vitest';
import { clientOf } from '../../bridge/src/limits/client.ts';
import { WalkUpAction } from '../../shared/model.ts';
import { auditTrail } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { weeklySeries } from '../support/meetings.ts';

const running: TestBridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A bridge whose own store is the calendar of Harbour, where a weekly sync (Mondays 10:00 in Amsterdam, four times) is booked. */
async function start() {
  const clock = new FakeClock('2026-11-23T08:50:00Z');
  const bridge = await startTestBridge({
    clock,
    rooms: [{ id: 'harbour', name: 'Harbour', settings: { checkIn: { required: true, releaseNoShows: true, strikes: 2 } } }],
    meetings: weeklySeries('weekly-sync', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z', 4, { roomId: 'harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace' }),
  });
  running.push(bridge);
  const until = (instant: string) => clock.advance(Date.parse(instant) - clock.now());
  const state = () => {
    const result = bridge.rooms.getState('harbour');
    if (!result.ok) throw new Error(result.message);
    return result.data;
  };
  return { bridge, until, state };
}

describe('no-show strikes with the local calendar', () => {
  it('removes the future occurrences of a series after two no-shows in a row, each strike and the release in the audit log', async () => {
    const { bridge, until, state } = await start();
    until('2026-11-23T09:10:00Z');
    until('2026-11-30T09:05:00Z');
    expect(state().current).toMatchObject({ subject: 'Weekly sync' });
    until('2026-11-30T09:10:00Z');
    expect(await auditTrail(bridge.url)).toEqual([
      { actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', strike: 1, of: 2 },
      { actor: 'Lintel', action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', strike: 2, of: 2 },
      { actor: 'Lintel', action: 'series-released', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', noShows: 2, release: { outcome: 'removed', occurrences: 2 } },
    ]);
    for (const monday of ['2026-12-07', '2026-12-14']) {
      until(`${monday}T09:05:00Z`);
      expect(state()).toMatchObject({ status: 'available', current: null, events: [] });
    }
  });

  it('keeps a series whose no-shows are broken by a check-in', async () => {
    const { bridge, until, state } = await start();
    until('2026-11-23T09:10:00Z');
    until('2026-11-30T09:02:00Z');
    const checkIn = WalkUpAction.parse({ id: crypto.randomUUID(), type: 'check-in' });
    expect(bridge.rooms.applyAction('harbour', checkIn, clientOf({ address: '192.0.2.10' }))).toMatchObject({ ok: true });
    until('2026-12-07T09:10:00Z');
    expect((await auditTrail(bridge.url)).map((fact) => fact.action)).toEqual(['no-show-strike', 'no-show-strike']);
    until('2026-12-14T09:05:00Z');
    expect(state()).toMatchObject({ status: 'awaiting-check-in', current: { subject: 'Weekly sync' } });
  });
});
