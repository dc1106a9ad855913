import { describe, expect, it } from 'vitest';
import { Room, type WalkUpAction } from '../../../shared/model.ts';
import { planWalkUpAction } from '../../../shared/walk-up-rules.ts';
import { timed } from '../../../test/support/meetings.ts';
import type { OutboxEntry } from '../offline/display-db.ts';
import { withBookingsIn } from './my-bookings.ts';

const room = Room.parse({ id: 'demo', name: 'Harbour', timeZone: 'Europe/Amsterdam', access: 'open' });
const NOW = Date.parse('2026-11-23T10:00:00+01:00');
const theirs = timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00', { roomId: 'demo', id: 'theirs' });

/** An action as the phone queues it: planned with the rules the bridge runs, by default with their meeting in the room now. */
function queued(action: WalkUpAction, meetings = [theirs]): OutboxEntry {
  const change = planWalkUpAction(action, { meetings, now: NOW, room, bookingSubject: 'Walk-up booking' });
  if (!change.ok) throw new Error(`not planned: ${change.code}`);
  return { roomKey: 'demo', roomId: 'demo', action, change: change.data, takenOffline: false };
}

const BOOK_NOW = '00000000-0000-4000-8000-000000000001';
const BOOK_LATER = '00000000-0000-4000-8000-000000000002';

describe("a phone's own bookings", () => {
  it('are the meetings its book now and book later actions create, under the ids the bridge gives them', () => {
    const outbox = [
      queued({ id: BOOK_NOW, type: 'book-now', minutes: 15 }, []),
      queued({ id: BOOK_LATER, type: 'book', start: '2026-11-23T11:00:00+01:00', minutes: 30 }),
      queued({ id: '00000000-0000-4000-8000-000000000003', type: 'extend', minutes: 15, meetingId: 'theirs' }),
    ];
    expect(withBookingsIn([], outbox)).toEqual([`walk-up-${BOOK_NOW}`, `walk-up-${BOOK_LATER}`]);
  });

  it('do not include a meeting it extended, ended or checked in to', () => {
    const outbox = [
      queued({ id: '00000000-0000-4000-8000-000000000003', type: 'extend', minutes: 15, meetingId: 'theirs' }),
      queued({ id: '00000000-0000-4000-8000-000000000004', type: 'end-now', meetingId: 'theirs' }),
    ];
    expect(withBookingsIn([], outbox)).toEqual([]);
  });

  it('are kept once each, and stay when their actions have been sent', () => {
    const mine = [`walk-up-${BOOK_NOW}`];
    expect(withBookingsIn(mine, [])).toBe(mine);
    const later = queued({ id: BOOK_LATER, type: 'book', start: '2026-11-23T12:00:00+01:00', minutes: 15 });
    const both = withBookingsIn(mine, [later]);
    expect(both).toEqual([`walk-up-${BOOK_NOW}`, `walk-up-${BOOK_LATER}`]);
    expect(withBookingsIn(both, [later])).toBe(both);
  });
});
