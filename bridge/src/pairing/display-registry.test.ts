import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/clock.ts';
import { STALE_DISPLAY_DAYS } from '../../../shared/stale-display.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { newDisplayCredential } from '../access/display-credential.ts';
import { DisplayRegistry, FORGET_NEVER_LINKED_AFTER_MS, MAX_NEVER_LINKED } from './display-registry.ts';

const NOW = Date.parse('2026-11-23T09:00:00Z');

describe('display registry', () => {
  it('forgets a never-linked display unseen for 30 days, and never a linked or unlinked one', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('idle', NOW, '10.0.0.9');
    displays.seen('linked', NOW, '10.0.0.9');
    displays.link('linked', 'harbour', 'megan@contoso.example', NOW, newDisplayCredential().hash);
    displays.seen('unlinked', NOW, '10.0.0.9');
    displays.link('unlinked', 'harbour', 'megan@contoso.example', NOW, newDisplayCredential().hash);
    displays.unlink('unlinked', 'megan@contoso.example', NOW);

    displays.seen('newcomer', NOW + FORGET_NEVER_LINKED_AFTER_MS - 1, '10.0.0.9');
    expect(displays.list(NOW).map((display) => display.id).sort()).toEqual(['idle', 'linked', 'newcomer', 'unlinked']);

    displays.seen('another', NOW + FORGET_NEVER_LINKED_AFTER_MS + 1, '10.0.0.9');
    expect(displays.list(NOW).map((display) => display.id).sort()).toEqual(['another', 'linked', 'newcomer', 'unlinked']);
    expect(displays.assignment('unlinked')).toEqual({ kind: 'unlinked' });
  });

  it('names a display, one name per display in any case, and keeps the name through unlinking', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('left', NOW, '10.0.0.9');
    displays.seen('right', NOW, '10.0.0.10');
    expect(displays.get('left', NOW)?.name).toBeNull();
    expect(displays.rename('left', 'Lobby left')).toEqual({ outcome: 'renamed', before: null });
    expect(displays.rename('right', 'LOBBY LEFT')).toEqual({ outcome: 'taken' });
    expect(displays.rename('nobody', 'Harbour door')).toEqual({ outcome: 'not-found' });
    expect(displays.rename('left', 'Lobby, left')).toEqual({ outcome: 'renamed', before: 'Lobby left' });
    expect(displays.rename('right', 'Lobby left')).toEqual({ outcome: 'renamed', before: null });
    displays.link('left', 'harbour', 'megan@contoso.example', NOW, newDisplayCredential().hash);
    displays.unlink('left', 'megan@contoso.example', NOW);
    expect(displays.list(NOW).map((display) => [display.id, display.name]).sort()).toEqual([
      ['left', 'Lobby, left'],
      ['right', 'Lobby left'],
    ]);
  });

  it('keeps a display that keeps coming back', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('lobby', NOW, '10.0.0.9');
    displays.seen('lobby', NOW + 29 * DAY_MS, '10.0.0.9');
    displays.seen('newcomer', NOW + 45 * DAY_MS, '10.0.0.9');
    expect(displays.get('lobby', NOW)?.lastSeenAt).toBe('2026-12-22T09:00:00.000Z');
  });

  it(`keeps at most ${MAX_NEVER_LINKED} never-linked displays, forgetting the least recently seen`, () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('linked', NOW, '10.0.0.9');
    displays.link('linked', 'harbour', 'megan@contoso.example', NOW, newDisplayCredential().hash);
    for (let n = 0; n <= MAX_NEVER_LINKED + 5; n++) displays.seen(`made-up-${n}`, NOW + n, '10.0.0.9');
    const ids = new Set(displays.list(NOW).map((display) => display.id));
    expect(ids.size).toBe(MAX_NEVER_LINKED + 1);
    expect(ids.has('linked')).toBe(true);
    expect(ids.has('made-up-5')).toBe(false);
    expect(ids.has('made-up-6')).toBe(true);
    expect(ids.has(`made-up-${MAX_NEVER_LINKED + 5}`)).toBe(true);
  });

  it('knows a linked display by its credential, and no longer once it is unlinked or forgotten', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    const first = newDisplayCredential();
    const second = newDisplayCredential();
    displays.link('lobby-screen', 'harbour', 'megan@contoso.example', NOW, first.hash);
    displays.link('door-screen', 'atrium', 'megan@contoso.example', NOW, second.hash);
    expect(displays.holderOf(first.secret)).toEqual({ displayId: 'lobby-screen', roomId: 'harbour' });
    expect(displays.holderOf(second.secret)).toEqual({ displayId: 'door-screen', roomId: 'atrium' });
    expect(displays.holderOf(first.hash)).toBeUndefined();
    expect(displays.get('lobby-screen', NOW)?.credentialIssuedAt).toBe('2026-11-23T09:00:00.000Z');

    displays.unlink('lobby-screen', 'megan@contoso.example', NOW + 1);
    expect(displays.holderOf(first.secret)).toBeUndefined();
    expect(displays.get('lobby-screen', NOW)?.credentialIssuedAt).toBeNull();

    expect(displays.forget('door-screen')).toEqual({ roomId: 'atrium' });
    expect(displays.holderOf(second.secret)).toBeUndefined();
    expect(displays.get('door-screen', NOW)).toBeUndefined();
    expect(displays.forget('door-screen')).toBeUndefined();
  });

  it('counts an offline display stale from its 30th day unseen, and one online never', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('lobby', NOW, '10.0.0.7');
    displays.seen('door', NOW, '10.0.0.8');
    const release = displays.connected('door');
    expect(displays.get('lobby', NOW + STALE_DISPLAY_DAYS * DAY_MS - 1)?.staleDays).toBeNull();
    expect(displays.get('lobby', NOW + STALE_DISPLAY_DAYS * DAY_MS)?.staleDays).toBe(30);
    expect(displays.get('lobby', NOW + 45.5 * DAY_MS)?.staleDays).toBe(45);
    expect(displays.get('door', NOW + 45 * DAY_MS)?.staleDays).toBeNull();
    release();
    expect(displays.get('door', NOW + 45 * DAY_MS)?.staleDays).toBe(45);
  });

  it('shows the address a display last came from', () => {
    const displays = new DisplayRegistry(openTestDatabase());
    displays.seen('lobby-screen', NOW, '10.0.0.7');
    displays.seen('lobby-screen', NOW + 1, '10.0.0.8');
    expect(displays.get('lobby-screen', NOW)?.address).toBe('10.0.0.8');
  });
});
