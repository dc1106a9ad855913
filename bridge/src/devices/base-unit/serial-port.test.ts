import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SerialUnitPort } from './serial-port.ts';

const dir = mkdtempSync(join(tmpdir(), 'lintel-serial-'));
const byIdDir = join(dir, 'by-id');
mkdirSync(byIdDir);
writeFileSync(join(dir, 'ttyACM3'), '');
symlinkSync(join(dir, 'ttyACM3'), join(byIdDir, 'usb-Lintel_BU-200_A1B2C3-if00'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finding the unit on a serial port', () => {
  it('uses the configured path while it exists', () => {
    expect(new SerialUnitPort({ path: join(dir, 'ttyACM3'), byIdDir }).find()).toBe(join(dir, 'ttyACM3'));
  });

  it('finds a unit that came back under another name by its USB serial number', () => {
    expect(new SerialUnitPort({ path: join(dir, 'ttyACM0'), usbSerialNumber: 'A1B2C3', byIdDir }).find()).toBe(join(dir, 'ttyACM3'));
  });

  it('learns the serial number from HELLO when configured by path alone', () => {
    const port = new SerialUnitPort({ path: join(dir, 'ttyACM0'), byIdDir });
    expect(port.find()).toBeNull();
    port.rememberSerial('A1B2C3');
    expect(port.find()).toBe(join(dir, 'ttyACM3'));
  });

  it('needs a path or a serial number, and finds nothing that is not there', () => {
    expect(() => new SerialUnitPort({})).toThrow(/path or a USB serial number/);
    expect(new SerialUnitPort({ usbSerialNumber: 'ZZZ', byIdDir }).find()).toBeNull();
    expect(new SerialUnitPort({ usbSerialNumber: 'A1B2C3', byIdDir: join(dir, 'missing') }).find()).toBeNull();
  });
});
