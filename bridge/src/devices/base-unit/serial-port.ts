import { existsSync, readdirSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { openSerialTransport } from '../transport/serial-transport.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import type { UnitPort } from './unit-session.ts';

export interface SerialLocation {
  /** e.g. /dev/ttyACM0 (USB-C) or /dev/ttyUSB0 (RS-232 adapter). */
  path?: string;
  /** The unit's USB serial number: finds it again when it comes back under another device name. */
  usbSerialNumber?: string;
  /** Where udev keeps its stable names; a test points this at its own folder. */
  byIdDir?: string;
}

/**
 * The unit on a serial port, found by path first and then by USB serial
 * number among udev's stable names (/dev/serial/by-id): a re-plugged unit
 * can come back as /dev/ttyACM1. Listing by-id needs no udevadm, so this
 * works on minimal kiosk systems too. RS-232 settings are 115200 8N1, no
 * flow control; USB CDC-ACM ignores them.
 */
export class SerialUnitPort implements UnitPort {
  #location: SerialLocation;

  constructor(location: SerialLocation) {
    if (!location.path && !location.usbSerialNumber) throw new Error('A serial base unit needs a path or a USB serial number');
    this.#location = location;
  }

  /** A unit configured by path alone is found by its serial number too, once it has said it. */
  rememberSerial(serial: string): void {
    if (!this.#location.usbSerialNumber) this.#location = { ...this.#location, usbSerialNumber: serial };
  }

  describe(): string {
    return [this.#location.path, this.#location.usbSerialNumber && `USB serial ${this.#location.usbSerialNumber}`].filter(Boolean).join(' or ');
  }

  /** Where the unit is now, or null. */
  find(): string | null {
    const { path, usbSerialNumber, byIdDir = '/dev/serial/by-id' } = this.#location;
    if (path && existsSync(path)) return path;
    if (!usbSerialNumber || !existsSync(byIdDir)) return null;
    const entry = readdirSync(byIdDir).find((name) => name.includes(usbSerialNumber));
    if (!entry) return null;
    try {
      return realpathSync(join(byIdDir, entry));
    } catch {
      return null;
    }
  }

  watchForUnit(appeared: () => void): () => void {
    const { path, byIdDir = '/dev/serial/by-id' } = this.#location;
    const folders = [path ? dirname(path) : null, byIdDir].filter((folder): folder is string => folder !== null && existsSync(folder));
    const watchers: FSWatcher[] = [];
    for (const folder of new Set(folders)) {
      try {
        watchers.push(watch(folder, () => this.find() !== null && appeared()));
      } catch {
        // Not watchable here: polling with backoff still finds the unit.
      }
    }
    return () => watchers.forEach((watcher) => watcher.close());
  }

  async open(): Promise<ByteTransport> {
    const path = this.find();
    if (!path) throw new Error(`no base unit at ${this.describe()}`);
    return openSerialTransport({ path, baudRate: 115_200 });
  }

}
