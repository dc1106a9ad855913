import type { Logger } from '../logger.ts';
import type { DeviceEvent } from './room-device.ts';

/** A device's `onEvent` listeners: each one told in turn, one that throws logged and hurting nobody (the RoomDevice rule). */
export class DeviceListeners {
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  add(listener: (event: DeviceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: DeviceEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error({ err: error }, 'device event listener failed');
      }
    }
  }
}
