import { fail, isErrorCode, ok, type Result } from '../../../shared/errors.ts';
import type { RoomState } from '../../../shared/model.ts';

export type FetchJson = (url: string) => Promise<{ status: number; json: () => Promise<unknown> }>;

/**
 * Another room's state, read once for "find a free room": only a room open
 * to anyone answers (the bridge refuses a paired room's meetings to every
 * client but its own displays), with its `privacy` applied by the bridge.
 * Over HTTP rather than the display's socket, whose one watched room stays
 * this display's own. Null when the bridge cannot be reached.
 */
export async function readOpenRoomState(roomId: string, fetchJson: FetchJson = fetch): Promise<Result<RoomState> | null> {
  try {
    const response = await fetchJson(`/api/rooms/${encodeURIComponent(roomId)}/state`);
    const body = await response.json();
    if (response.status === 200) return ok(body as RoomState);
    const code = (body as { code?: unknown } | null)?.code;
    return fail(isErrorCode(code) ? code : 'internal', `The bridge answered ${response.status}.`);
  } catch {
    return null;
  }
}
