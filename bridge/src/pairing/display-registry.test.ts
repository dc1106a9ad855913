import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { DisplayRegistry, FORGET_NEVER_LINKED_AFTER_MS, MAX_NEVER_LINKED } from './display-registry.ts';

const NOW = Date.parse('2026-11-23T09:00:00Z');

describe('display registry', () => {
  it('forgets a never-linked display unseen for 30 days, and never a linked or unlinked one', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('idle', NOW);
    displays.seen('linked', NOW);
    displays.link('linked', 'harbour', 'megan@contoso.example', NOW);
    displays.seen('unlinked', NOW);
    displays.link('unlinked', 'harbour', 'megan@contoso.example', NOW);
    displays.unlink('unlinked', 'megan@contoso.example', NOW);

    displays.seen('newcomer', NOW + FORGET_NEVER_LINKED_AFTER_MS - 1);
    expect(displays.list().map((display) => display.id).sort()).toEqual(['idle', 'linked', 'newcomer', 'unlinked']);

    displays.seen('another', NOW + FORGET_NEVER_LINKED_AFTER_MS + 1);
    expect(displays.list().map((display) => display.id).sort()).toEqual(['another', 'linked', 'newcomer', 'unlinked']);
    expect(displays.assignment('unlinked')).toEqual({ kind: 'unlinked' });
  });

  it('keeps a display that keeps coming back', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('lobby', NOW);
    displays.seen('lobby', NOW + 29 * DAY_MS);
    displays.seen('newcomer', NOW + 45 * DAY_MS);
    expect(displays.get('lobby')?.lastSeenAt).toBe('2026-12-22T09:00:00.000Z');
  });

  it(`keeps at most ${MAX_NEVER_LINKED} never-linked displays, forgetting the least recently seen`, () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('linked', NOW);
    displays.link('linked', 'harbour', 'megan@contoso.example', NOW);
    for (let n = 0; n <= MAX_NEVER_LINKED + 5; n++) displays.seen(`made-up-${n}`, NOW + n);
    const ids = new Set(displays.list().map((display) => display.id));
    expect(ids.size).toBe(MAX_NEVER_LINKED + 1);
    expect(ids.has('linked')).toBe(true);
    expect(ids.has('made-up-5')).toBe(false);
    expect(ids.has('made-up-6')).toBe(true);
    expect(ids.has(`made-up-${MAX_NEVER_LINKED + 5}`)).toBe(true);
  });
});
