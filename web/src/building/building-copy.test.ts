import { describe, expect, it, vi } from 'vitest';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import { localBuildingCopy } from './building-copy.ts';

/** A Storage that keeps items in a map, or refuses every write as a full one does. */
function storage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

const harbour: RoomSummaryStatus = {
  id: 'harbour',
  name: 'Harbour',
  timeZone: 'Europe/Amsterdam',
  capacity: 4,
  equipment: ['screen'],
  location: { building: 'Harbour House', floor: 2 },
  status: 'busy',
  freeUntil: null,
  busyUntil: '2026-11-23T11:00:00.000Z',
};

describe('the building overview’s copy in local storage', () => {
  it('gives back the rooms and the moment it was saved', () => {
    const copy = localBuildingCopy(storage());
    expect(copy.load()).toBeNull();
    copy.save([harbour], Date.parse('2026-11-23T10:00:40Z'));
    expect(copy.load()).toEqual({ rooms: [harbour], at: Date.parse('2026-11-23T10:00:40Z') });
  });

  it('a damaged copy, or one of another shape, is no copy', () => {
    const kept = storage();
    kept.setItem('lintel.building', '{"rooms": [');
    expect(localBuildingCopy(kept).load()).toBeNull();
    kept.setItem('lintel.building', JSON.stringify({ rooms: [{ id: 'harbour' }], at: 1 }));
    expect(localBuildingCopy(kept).load()).toBeNull();
  });

  it('a full storage is told in the console, and the page goes on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const copy = localBuildingCopy(storage(true));
    expect(() => copy.save([harbour], 0)).not.toThrow();
    expect(copy.load()).toBeNull();
    expect(warn).toHaveBeenCalledWith('Lintel could not keep a copy of the building overview', expect.any(DOMException));
    warn.mockRestore();
  });
});
