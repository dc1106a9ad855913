import type { AdminDevice } from '../../../shared/admin-api.ts';
import type { DesiredUnitState } from './base-unit/unit-session.ts';

/**
 * What the hardware policy (hardware/hardware-policy.ts, SPEC section 8)
 * wants of a room's devices now. Each device follows as much as it can: a
 * display controller the power, a ClickShare unit its standby and the
 * room's name, the BUCP/1 base unit all of it.
 */
export interface RoomWish extends DesiredUnitState {
  /** The room's name as people know it, for devices that show one. */
  roomName: string;
}

/** What a device reports that means something for the room. */
export type DeviceEvent =
  /** Someone started or stopped sharing a screen: sharing in the check-in window checks the meeting in. */
  | { kind: 'sharing'; sharing: boolean }
  /** An occupancy reading: people keep a meeting from being released, and wake a sleeping screen outside hours; how many, where the sensor counts them. */
  | { kind: 'occupancy'; occupied: boolean; people?: number }
  /** A person asked for the screen: a WAKE button, or a screen switched on by hand while the policy wanted standby. */
  | { kind: 'wake' }
  /** A BOOK button. */
  | { kind: 'book' };

export type DeviceKind = AdminDevice['kind'];

/** A device as the admin page and the health report show it (AdminDevice in shared/admin-api.ts). */
export type DeviceStatus = AdminDevice;

/**
 * One device of a room, driven by the hardware policy. The rules every
 * driver keeps (each driver's own in its doc comment):
 * - `want` never waits for the device and never throws: it records the wish
 *   and applies it when the device is there, again after every reconnect.
 * - A driver connects on `start` and keeps trying, with backoff, until
 *   `close`; a fault is a status, a log line and a retry, never a crash.
 * - `status` is always answerable, connected or not.
 * - Events reach `onEvent` listeners as the device reports them; a listener
 *   that throws hurts nobody. A listener added after a reading that still
 *   holds (occupancy, sharing) is told it at once: a device started before
 *   the bridge listens is not silent until its next change.
 */
export interface RoomDevice {
  start(): void;
  want(wish: RoomWish): void;
  onEvent(listener: (event: DeviceEvent) => void): () => void;
  status(): DeviceStatus;
  close(): void;
}
