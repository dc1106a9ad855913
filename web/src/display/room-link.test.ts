import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors.ts';
import type { RoomLink } from '../../../shared/socket-events.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { ScriptedSocket } from '../../../test/support/scripted-socket.ts';
import type { DisplaySocket } from './display-state.svelte.ts';
import { RoomLinkKeeper } from './room-link.svelte.ts';

/** The bridge's side: each `room:link` request recorded, and answered by `answer` (undefined: not answered, the connection is gone). */
class LinkChannel extends ScriptedSocket {
  readonly requests: unknown[] = [];
  answer: () => Result<RoomLink> | undefined = () => undefined;

  protected override reply(event: string, request: unknown): unknown {
    if (event !== 'room:link') return undefined;
    this.requests.push(request);
    return this.answer();
  }
}

/** A link made at the bridge's `now`: to be renewed 5 min later, working 10. */
function linkAt(now: string, url: string): Result<RoomLink> {
  const at = Date.parse(now);
  return { ok: true, data: { url, now: new Date(at).toISOString(), refreshAt: new Date(at + 5 * 60_000).toISOString(), expiresAt: new Date(at + 10 * 60_000).toISOString() } };
}

// The display's clock is 2 min behind the bridge's: the link is timed on the bridge's all the same.
const DISPLAY_NOW = '2026-11-23T10:13:00+01:00';
const BRIDGE_NOW = '2026-11-23T10:15:00+01:00';

function keeper() {
  const clock = new FakeClock(DISPLAY_NOW);
  const socket = new LinkChannel();
  const links = new RoomLinkKeeper(clock);
  return { clock, socket, links, keep: () => links.keep(socket as unknown as DisplaySocket, 'demo') };
}

describe('room link keeper', () => {
  it("asks for a new link at its refreshAt, on the bridge's clock", () => {
    const { clock, socket, links, keep } = keeper();
    socket.answer = () => linkAt(BRIDGE_NOW, 'http://bridge/rooms/demo?link=one');
    keep();
    expect(socket.requests).toEqual([{ roomId: 'demo' }]);
    expect(links.url).toBe('http://bridge/rooms/demo?link=one');

    socket.answer = () => linkAt('2026-11-23T10:20:00+01:00', 'http://bridge/rooms/demo?link=two');
    clock.advance(5 * 60_000 - 1);
    expect(socket.requests).toHaveLength(1);
    clock.advance(1);
    expect(socket.requests).toHaveLength(2);
    expect(links.url).toBe('http://bridge/rooms/demo?link=two');
  });

  it('hides the link when the bridge refuses a new one, and asks again later', () => {
    const { clock, socket, links, keep } = keeper();
    socket.answer = () => linkAt(BRIDGE_NOW, 'http://bridge/rooms/demo?link=one');
    keep();
    socket.answer = () => ({ ok: false, code: 'forbidden', message: "Only the room's paired displays get its room link." });
    clock.advance(5 * 60_000);
    expect(links.url).toBeNull();

    socket.answer = () => linkAt('2026-11-23T10:20:30+01:00', 'http://bridge/rooms/demo?link=two');
    clock.advance(30_000);
    expect(links.url).toBe('http://bridge/rooms/demo?link=two');
  });

  it('hides the link when it expires before a new one came (the display is offline)', () => {
    const { clock, socket, links, keep } = keeper();
    socket.answer = () => linkAt(BRIDGE_NOW, 'http://bridge/rooms/demo?link=one');
    keep();
    socket.answer = () => undefined;
    clock.advance(10 * 60_000 - 1);
    expect(links.url).toBe('http://bridge/rooms/demo?link=one');
    clock.advance(1);
    expect(links.url).toBeNull();
  });

  it("drops another room's link at once, and asks nothing once stopped", () => {
    const { clock, socket, links, keep } = keeper();
    socket.answer = () => linkAt(BRIDGE_NOW, 'http://bridge/rooms/demo?link=one');
    keep();
    socket.answer = () => undefined;
    links.keep(socket as unknown as DisplaySocket, 'lagoon');
    expect(links.url).toBeNull();
    expect(socket.requests.at(-1)).toEqual({ roomId: 'lagoon' });

    links.stop();
    clock.advance(60 * 60_000);
    expect(socket.requests).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
  });
});
