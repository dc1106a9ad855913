import { describe, expect, it } from 'vitest';
import { readOpenRoomState, type FetchJson } from './open-room-state.ts';

const answering =
  (status: number, body: unknown, asked: string[] = []): FetchJson =>
  (url) => {
    asked.push(url);
    return Promise.resolve({ status, json: () => Promise.resolve(body) });
  };

describe('readOpenRoomState', () => {
  it("asks for the room's state by its id, escaped, and gives what the bridge sent", async () => {
    const asked: string[] = [];
    const state = { status: 'free', room: { id: 'a b' } };
    expect(await readOpenRoomState('a b', answering(200, state, asked))).toEqual({ ok: true, data: state });
    expect(asked).toEqual(['/api/rooms/a%20b/state']);
  });

  it("gives the bridge's refusal by its code: a paired room's meetings are for its own displays", async () => {
    const result = await readOpenRoomState('board', answering(403, { code: 'room-not-open', message: 'paired' }));
    expect(result).toMatchObject({ ok: false, code: 'room-not-open' });
  });

  it('calls an answer it cannot read an internal error, not a room state', async () => {
    expect(await readOpenRoomState('x', answering(502, { code: 'no-such-code' }))).toMatchObject({ ok: false, code: 'internal' });
    expect(await readOpenRoomState('x', answering(500, null))).toMatchObject({ ok: false, code: 'internal' });
  });

  it('is null when the bridge cannot be reached or sends no JSON', async () => {
    expect(await readOpenRoomState('x', () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
    expect(await readOpenRoomState('x', () => Promise.resolve({ status: 200, json: () => Promise.reject(new SyntaxError('not JSON')) }))).toBeNull();
  });
});
