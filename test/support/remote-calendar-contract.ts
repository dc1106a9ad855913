import { describe, expect, it } from 'vitest';
import type { TimedMeeting } from '../../shared/model.ts';
import type { ProviderAnswer, RemoteCalendar, RemoteOccurrence, SyncResult, SyncWindow } from '../../bridge/src/calendars/remote/remote-provider.ts';

/** What someone else does in the room's calendar (a calendar app, another system), by the test's own ids. */
export interface Elsewhere {
  addMeeting(meeting: { id: string; subject: string; start: string; end: string }): Promise<void>;
  /** Weekly from `start` (wall time in `timeZone`, `YYYY-MM-DDTHH:MM`), `count` times. */
  addWeeklySeries(series: { id: string; subject: string; start: string; minutes: number; count: number; timeZone: string }): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface ContractSubject {
  calendar: RemoteCalendar;
  elsewhere: Elsewhere;
}

/** The days every rule is checked over: around the end of summer time in Europe (25 October 2026). */
export const CONTRACT_WINDOW: SyncWindow = { start: Date.parse('2026-10-18T00:00:00Z'), end: Date.parse('2026-11-05T00:00:00Z') };

/** A provider's answers folded into the calendar a room's copy would hold: key → occurrence. */
class Follower {
  readonly meetings = new Map<string, RemoteOccurrence>();
  cursor: string | null = null;

  constructor(private readonly calendar: RemoteCalendar) {}

  async round(): Promise<SyncResult> {
    const result = valueOf(await this.calendar.sync(this.cursor, CONTRACT_WINDOW));
    if (result.kind === 'snapshot') {
      this.meetings.clear();
      for (const occurrence of result.occurrences) this.meetings.set(occurrence.key, occurrence);
    } else if (result.kind === 'delta') {
      for (const key of result.removedKeys) this.meetings.delete(key);
      for (const occurrence of result.changed) this.meetings.set(occurrence.key, occurrence);
    }
    this.cursor = result.cursor;
    return result;
  }

  /** What a display would show: subject and times, in order. */
  shown(): string[] {
    return [...this.meetings.values()].sort((a, b) => a.start.localeCompare(b.start) || a.subject.localeCompare(b.subject)).map((each) => `${each.subject} ${each.start}–${each.end}`);
  }

  find(subject: string): RemoteOccurrence[] {
    return [...this.meetings.values()].filter((each) => each.subject === subject).sort((a, b) => a.start.localeCompare(b.start));
  }
}

function valueOf<T>(answer: ProviderAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.failure}: ${answer.message}`);
  return answer.value;
}

const booking = (id: string, start: string, end: string): TimedMeeting => ({
  id,
  roomId: 'harbour',
  subject: 'Walk-up booking',
  organizer: null,
  isPrivate: false,
  checkedInAt: null,
  origin: 'walk-up',
  allDay: false,
  start,
  end,
});

/**
 * The rules of remote-provider.ts, checked the same way against every
 * provider: the in-memory fake, CalDAV on a real Radicale, Google's emulator.
 * `subject` gives a fresh, empty calendar for each rule.
 */
export function remoteCalendarContract(name: string, subject: () => Promise<ContractSubject>): void {
  describe(`${name}: the remote calendar rules`, () => {
    it('reads the calendar once when checked, as before a room is saved', async () => {
      const { calendar } = await subject();
      expect(await calendar.check()).toEqual({ ok: true, value: undefined });
    });

    it('gives a snapshot of the window first, then what changed since its cursor', async () => {
      const { calendar, elsewhere } = await subject();
      await elsewhere.addMeeting({ id: 'planning', subject: 'Planning', start: '2026-10-20T10:00:00.000Z', end: '2026-10-20T11:00:00.000Z' });
      await elsewhere.addMeeting({ id: 'later', subject: 'Next month', start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T11:00:00.000Z' });
      const follower = new Follower(calendar);
      expect((await follower.round()).kind).toBe('snapshot');
      expect(follower.shown()).toEqual(['Planning 2026-10-20T10:00:00.000Z–2026-10-20T11:00:00.000Z']);

      await elsewhere.addMeeting({ id: 'review', subject: 'Review', start: '2026-10-21T09:00:00.000Z', end: '2026-10-21T09:30:00.000Z' });
      await elsewhere.remove('planning');
      await follower.round();
      expect(follower.shown()).toEqual(['Review 2026-10-21T09:00:00.000Z–2026-10-21T09:30:00.000Z']);
      expect((await follower.round()).kind).toBe('unchanged');
    });

    it('creates a booking once under its key, however often it is asked, and shows it as made for that key', async () => {
      const { calendar } = await subject();
      const first = valueOf(await calendar.create('walk-up-1', booking('walk-up-1', '2026-10-20T12:00:00.000Z', '2026-10-20T12:30:00.000Z')));
      const again = valueOf(await calendar.create('walk-up-1', booking('walk-up-1', '2026-10-20T12:00:00.000Z', '2026-10-20T12:30:00.000Z')));
      expect(again).toEqual(first);
      const follower = new Follower(calendar);
      await follower.round();
      expect(follower.shown()).toEqual(['Walk-up booking 2026-10-20T12:00:00.000Z–2026-10-20T12:30:00.000Z']);
      // Made in its organizer's calendar, the booking's copy here has another id: the id the copies share says it is the booking.
      expect(follower.find('Walk-up booking')[0]).toMatchObject(first.key === null ? { sharedId: first.sharedId ?? 'the id the copies share' } : { key: first.key, createdFor: 'walk-up-1' });
    });

    it("keeps a booker's name in the booking's subject, in any script", async () => {
      const { calendar } = await subject();
      const named = { ...booking('walk-up-named', '2026-10-20T14:00:00.000Z', '2026-10-20T14:30:00.000Z'), subject: 'Walk-up booking: Ana Lúcia 山田 «R&D»' };
      valueOf(await calendar.create('walk-up-named', named));
      const follower = new Follower(calendar);
      await follower.round();
      expect(follower.shown()).toEqual(['Walk-up booking: Ana Lúcia 山田 «R&D» 2026-10-20T14:00:00.000Z–2026-10-20T14:30:00.000Z']);
    });

    it('moves a meeting\'s end, and cancels it; both are done when the meeting is gone', async () => {
      const { calendar } = await subject();
      const target = valueOf(await calendar.create('walk-up-2', booking('walk-up-2', '2026-10-20T12:00:00.000Z', '2026-10-20T12:30:00.000Z')));
      valueOf(await calendar.changeEnd(target, '2026-10-20T12:45:00.000Z'));
      const follower = new Follower(calendar);
      await follower.round();
      expect(follower.shown()).toEqual(['Walk-up booking 2026-10-20T12:00:00.000Z–2026-10-20T12:45:00.000Z']);
      valueOf(await calendar.cancel(target, 'ended'));
      // A cursor's changes may leave out this connection's own writes (the caller applied them): a new reader sees them.
      const reader = new Follower(calendar);
      await reader.round();
      expect(reader.shown()).toEqual([]);
      expect(await calendar.cancel(target, 'ended')).toEqual({ ok: true, value: undefined });
      expect(await calendar.changeEnd(target, '2026-10-20T13:00:00.000Z')).toEqual({ ok: true, value: undefined });
    });

    it('expands a weekly series at the same local time across the end of summer time', async () => {
      const { calendar, elsewhere } = await subject();
      await elsewhere.addWeeklySeries({ id: 'weekly', subject: 'Weekly', start: '2026-10-19T09:00', minutes: 60, count: 3, timeZone: 'Europe/Amsterdam' });
      const follower = new Follower(calendar);
      await follower.round();
      expect(follower.shown()).toEqual([
        'Weekly 2026-10-19T07:00:00.000Z–2026-10-19T08:00:00.000Z',
        'Weekly 2026-10-26T08:00:00.000Z–2026-10-26T09:00:00.000Z',
        'Weekly 2026-11-02T08:00:00.000Z–2026-11-02T09:00:00.000Z',
      ]);
      const seriesIds = new Set(follower.find('Weekly').map((each) => each.seriesId));
      expect(seriesIds.size).toBe(1);
      expect([...seriesIds][0]).toBeTruthy();
    });

    it('changes one occurrence of a series and leaves the rest of it as it was', async () => {
      const { calendar, elsewhere } = await subject();
      await elsewhere.addWeeklySeries({ id: 'weekly', subject: 'Weekly', start: '2026-10-19T09:00', minutes: 60, count: 3, timeZone: 'Europe/Amsterdam' });
      const follower = new Follower(calendar);
      await follower.round();
      const [first, second, third] = follower.find('Weekly');
      valueOf(await calendar.changeEnd(second!, '2026-10-26T08:30:00.000Z'));
      valueOf(await calendar.cancel(third!, 'release'));
      const reader = new Follower(calendar);
      await reader.round();
      expect(reader.shown()).toEqual(['Weekly 2026-10-19T07:00:00.000Z–2026-10-19T08:00:00.000Z', 'Weekly 2026-10-26T08:00:00.000Z–2026-10-26T08:30:00.000Z']);
      expect(reader.find('Weekly').map((each) => each.key)).toEqual([first!.key, second!.key]);
    });
  });
}
