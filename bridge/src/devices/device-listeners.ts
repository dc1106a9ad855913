import type { Logger } from '../logger.ts';
import type { DeviceEvent } from './room-device.ts';

/** A device's `onEvent` listeners: each one told in turn, one that throws logged and hurting nobody (the RoomDevice rule). */
export class DeviceListeners {
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** `current`: what the device reported that still holds (an occupancy reading), told to this listener at once. */
  add(listener: (event: DeviceEvent) => void, current: readonly DeviceEvent[] = []): () => void {
    this.#listeners.add(listener);
    for (const event of current) this.#tell(listener, event);
    return () => this.#listeners.delete(listener);
  }

  emit(event: DeviceEvent): void {
    for (const listener of this.#listeners) this.#tell(listener, event);
  }

  #tell(listener: (event: DeviceEvent) => void, event: DeviceEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.#logger.error({ err: error }, 'device event listener failed');
    }
  }
}
