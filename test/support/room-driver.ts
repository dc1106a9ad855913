import type { RunningBridge } from '../../bridge/src/bridge.ts';
import { clientOf } from '../../bridge/src/limits/client.ts';
import type { Microsoft365Integration } from '../../bridge/src/calendars/microsoft-365/microsoft-365.ts';
import type { RoomState, WalkUpAction } from '../../shared/model.ts';
import type { FakeClock } from './fake-clock.ts';

export type ActionWithoutId = WalkUpAction extends infer A ? (A extends WalkUpAction ? Omit<A, 'id'> : never) : never;

/** What a test does with an in-process bridge on a fake clock: read a room, act on it, and let time pass. */
export interface RoomDriver {
  /** The room's state as its displays get it. */
  state(roomId: string): RoomState;
  /** A walk-up action on the room, as a display sends it; throws when refused. */
  act(roomId: string, action: ActionWithoutId): RoomState;
  /** Lets every timer due in `ms` fire, `stepMs` at a time, waiting for the sync rounds and sends they start. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Waits for the work already started (see settle). */
  settle(): Promise<void>;
}

/** The driver of a bridge whose Microsoft 365 requests go through `network` (counting-fetch.ts). */
export function roomDriver(rooms: RunningBridge['rooms'], integration: Microsoft365Integration, network: { inFlight: number }, clock: FakeClock): RoomDriver {
  return {
    state(roomId) {
      const result = rooms.getState(roomId);
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    act(roomId, action) {
      // All from one display, at an address of the documentation range (RFC 5737).
      const result = rooms.applyAction(roomId, { id: crypto.randomUUID(), ...action } as WalkUpAction, clientOf({ address: '192.0.2.10' }));
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
      return result.data;
    },
    async advance(ms, step = 1000) {
      for (let done = 0; done < ms; done += step) {
        clock.advance(Math.min(step, ms - done));
        await settle(integration, network);
      }
    },
    settle: () => settle(integration, network),
  };
}

/**
 * Waits until the integration is idle, or until it waits only on the fake
 * clock (a Retry-After or a backoff), which the next advance ends.
 */
export async function settle(integration: Microsoft365Integration, network: { inFlight: number }): Promise<void> {
  let quiet = 0;
  for (let turn = 0; turn < 10_000 && quiet < 5; turn++) {
    const idle = await Promise.race([integration.idle().then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);
    if (network.inFlight > 0) {
      quiet = 0;
      await new Promise((resolve) => setTimeout(resolve, 1));
    } else {
      quiet = idle ? quiet + 2 : quiet + 1;
    }
  }
}
