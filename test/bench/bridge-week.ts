import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/clock.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge } from '../support/m365-bridge.ts';
import type { BenchRow } from './table.ts';

const SYNC_PERIOD = 15_000;
const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

/** The live heap: what a forced full collection leaves. */
function liveHeapMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * A bridge syncing one Microsoft 365 room through a simulated week (SPEC:
 * bridge memory flat over a week): the real bridge and the Graph emulator in
 * this process on one fake clock, every 15 s delta round of the week run
 * (tokens expiring hourly, midnights, the credential's daily check), a
 * meeting booked in Outlook every working hour and a walk-up booking sent to
 * Exchange every working day. The live heap (after a forced collection) is
 * read after day 1 and after day 7; the emulator's own growth counts too, so
 * this is an upper bound for the bridge.
 */
export async function bridgeWeekBench(): Promise<BenchRow[]> {
  const clock = new FakeClock('2026-11-23T07:00:00+01:00');
  const m365 = await startM365Bridge({ clock, rooms: [ROOM] });
  m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  try {
    await m365.settle();
    const rounds = () => m365.tenant.requestCount(ROOM.mailbox);
    const roundsAtStart = rounds();
    let afterFirstDay = 0;
    for (let elapsed = SYNC_PERIOD; elapsed <= 7 * DAY_MS; elapsed += SYNC_PERIOD) {
      await m365.advance(SYNC_PERIOD, SYNC_PERIOD);
      const local = new Date(clock.now() + HOUR_MS);
      const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
      if (weekday && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 && local.getUTCHours() >= 9 && local.getUTCHours() <= 16) {
        const start = clock.now() + 30 * MINUTE_MS;
        m365.tenant.scheduleMeeting(PERSON, { subject: 'Weekly', start: new Date(start).toISOString(), end: new Date(start + 15 * MINUTE_MS).toISOString(), rooms: [ROOM.mailbox] });
      }
      if (weekday && local.getUTCHours() === 8 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0) {
        m365.act(ROOM.id, { type: 'book-now', minutes: 15 });
      }
      if (elapsed === DAY_MS) afterFirstDay = liveHeapMb();
    }
    const atEnd = liveHeapMb();
    // The week ran: about one delta request per round, plus the bookings' own.
    const requests = rounds() - roundsAtStart;
    if (requests < (7 * DAY_MS) / SYNC_PERIOD) throw new Error(`only ${requests} Graph requests for the room in a simulated week`);
    const growth = atEnd - afterFirstDay;
    return [
      {
        what: `bridge live heap, Microsoft 365 room synced every 15 s through a simulated week (${requests} Graph requests), after day 1 → after day 7`,
        value: `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB (${afterFirstDay.toFixed(1)} → ${atEnd.toFixed(1)})`,
        budget: 'flat (<= 2 MB)',
        ok: growth <= 2,
      },
    ];
  } finally {
    await m365.close();
  }
}
