import { describe, expect, it } from 'vitest';
import { eventIdForKey, keyOfEventId } from './booking-event-id.ts';

describe("a walk-up booking's Google event id", () => {
  it('is a valid client-chosen id (base32hex, 5 to 1024 characters), the same for the same key, and gives its key back', () => {
    const key = 'walk-up-6f1c2b9e-8d4a-4f3e-9b1a-2c3d4e5f6a7b';
    const id = eventIdForKey(key);
    expect(id).toMatch(/^[0-9a-v]{5,1024}$/);
    expect(eventIdForKey(key)).toBe(id);
    expect(eventIdForKey(`${key}x`)).not.toBe(id);
    expect(keyOfEventId(id)).toBe(key);
  });

  it("says nothing of anyone else's event ids, an occurrence's among them", () => {
    for (const id of ['4rdtd1ogcfhe8ko4rs1kqvhtep', '4rdtd1ogcfhe8ko4rs1kqvhtep_20261026T080000Z', 'abc', `${eventIdForKey('walk-up-1')}_20261026T080000Z`]) expect(keyOfEventId(id)).toBeUndefined();
  });
});
