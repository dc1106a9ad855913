import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DisplayControlConfig } from '../../../../shared/display-control-config.ts';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { createDisplayControl } from './create-display-control.ts';

const deps = { clock: new FakeClock('2026-11-23T10:00:00Z'), logger: pino({ level: 'silent' }) };
const create = (display: unknown) => createDisplayControl(DisplayControlConfig.parse(display), deps);

describe('creating a room display from the rooms file', () => {
  it('makes a Samsung MDC display on the LAN, at port 1515 unless told, or on a serial port', () => {
    expect(create({ protocol: 'samsung-mdc', host: '10.0.0.5' }).status()).toMatchObject({ kind: 'display', describe: 'Samsung MDC at 10.0.0.5:1515, display id 1', connected: false });
    expect(create({ protocol: 'samsung-mdc', host: 'lobby-screen', port: 15150, id: 7 }).status().describe).toBe('Samsung MDC at lobby-screen:15150, display id 7');
    expect(create({ protocol: 'samsung-mdc', path: '/dev/ttyUSB0' }).status().describe).toBe('Samsung MDC on /dev/ttyUSB0, display id 1');
  });

  it('makes an HDMI-CEC display through cec-client, not connected before it ran', () => {
    expect(create({ protocol: 'cec', device: '/dev/ttyACM0' }).status()).toMatchObject({ kind: 'display', describe: 'HDMI-CEC on /dev/ttyACM0 (cec-client)', connected: false });
  });
});
