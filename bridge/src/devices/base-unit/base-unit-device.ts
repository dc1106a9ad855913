import type { UnitEvent } from './unit-link.ts';
import type { BaseUnit } from './unit-session.ts';
import type { DeviceEvent, DeviceStatus, RoomDevice, RoomWish } from '../room-device.ts';

/**
 * The BUCP/1 base unit as one of a room's devices: it follows every part of
 * the wish (power, light ring, banner), and its SHARING, PEOPLE and BUTTON
 * events are the room's (see base-unit-protocol.md). The session it wraps
 * keeps the base unit's own rules (unit-session.ts); it is started by whoever
 * made it, as the composition root does.
 */
export class BaseUnitDevice implements RoomDevice {
  readonly #unit: BaseUnit;

  constructor(unit: BaseUnit) {
    this.#unit = unit;
  }

  start(): void {}

  want({ power, led, banner }: RoomWish): void {
    this.#unit.want({ power, led, banner });
  }

  onEvent(listener: (event: DeviceEvent) => void): () => void {
    const stop = this.#unit.onEvent((event) => {
      const meant = deviceEventOf(event);
      if (meant) listener(meant);
    });
    // What the unit said that still holds, for a listener added after it said it (room-device.ts).
    const { connected, people, sharing } = this.#unit.status();
    if (people !== null) listener({ kind: 'occupancy', occupied: people > 0, people });
    if (connected && sharing) listener({ kind: 'sharing', sharing: true });
    return stop;
  }

  status(): DeviceStatus {
    const { port, connected, lastSeenAt, power, lastFault } = this.#unit.status();
    return { kind: 'base-unit', describe: `BUCP/1 base unit on ${port}`, connected, lastContactAt: lastSeenAt, power, lastFault };
  }

  close(): void {
    this.#unit.close();
  }
}

/** What a BUCP/1 event means for the room; null for events that mean nothing to it (POWER, say, the unit's own report). */
export function deviceEventOf(event: UnitEvent): DeviceEvent | null {
  switch (event.name) {
    case 'SHARING':
      return { kind: 'sharing', sharing: event.fields.state === '1' };
    case 'PEOPLE': {
      const people = Number(event.fields.n);
      return Number.isFinite(people) ? { kind: 'occupancy', occupied: people > 0, people } : null;
    }
    case 'BUTTON':
      if (event.fields.name === 'WAKE') return { kind: 'wake' };
      if (event.fields.name === 'BOOK') return { kind: 'book' };
      return null;
    default:
      return null;
  }
}
