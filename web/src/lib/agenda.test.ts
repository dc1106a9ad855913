import { describe, expect, it } from 'vitest';
import { laterSlots, type FreeSlot } from '../../../shared/book-later-rules.ts';
import { RoomSettings } from '../../../shared/model.ts';
import { timed } from '../../../test/support/meetings.ts';
import { agendaItems } from './agenda.ts';

describe('agenda', () => {
  it('puts the free gaps between meetings, skipping changeovers and overlaps', () => {
    const items = agendaItems(
      [
        timed('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { id: 'a' }),
        timed('2026-11-23T10:30:00Z', '2026-11-23T11:30:00Z', { id: 'overlap' }),
        timed('2026-11-23T11:33:00Z', '2026-11-23T12:00:00Z', { id: 'changeover' }),
        timed('2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', { id: 'b' }),
      ],
      'UTC',
    );
    expect(items.map((i) => (i.kind === 'free' ? `free ${new Date(i.start).toISOString().slice(11, 16)}-${new Date(i.end).toISOString().slice(11, 16)}` : i.meeting.id))).toEqual([
      'a',
      'overlap',
      'changeover',
      'free 12:00-13:00',
      'b',
    ]);
  });

  it('offers a gap for booking later only where booking later offers that stretch', () => {
    const meetings = [
      timed('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', { id: 'a' }),
      timed('2026-11-23T11:10:00Z', '2026-11-23T12:00:00Z', { id: 'b' }),
      timed('2026-11-23T13:00:00Z', '2026-11-23T14:00:00Z', { id: 'c' }),
    ];
    const room = { id: 'room', timeZone: 'UTC', settings: RoomSettings.parse({}) };
    const free = (slots: FreeSlot[]) =>
      agendaItems(meetings, 'UTC', slots).flatMap((i) => (i.kind === 'free' ? [`${new Date(i.start).toISOString().slice(11, 16)} ${i.slot ? 'bookable' : 'shown only'}`] : []));
    // The 10 min changeover is too short to book; a display that takes no actions gets no slots.
    expect(free(laterSlots(meetings, Date.parse('2026-11-23T09:00:00Z'), room))).toEqual(['11:00 shown only', '12:00 bookable']);
    expect(free([])).toEqual(['11:00 shown only', '12:00 shown only']);
  });
});
