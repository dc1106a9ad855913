import { describe, expect, it } from 'vitest';
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
});
