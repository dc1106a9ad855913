import { describe, expect, it } from 'vitest';
import { errorMessages, readPowerStatus, startFailure } from './cec-client-output.ts';

// Lines as libcec's cec-client prints them with -s -d 1 (src/cec-client/cec-client.cpp, src/libcec/CECTypeUtils.h).
const OPENING = 'opening a connection to the CEC adapter...';

describe("cec-client's power status", () => {
  it('reads on and standby from the line after the adapter opened', () => {
    expect(readPowerStatus(`${OPENING}\npower status: on\n`)).toEqual({ kind: 'power', power: 'on', said: 'on' });
    expect(readPowerStatus(`${OPENING}\npower status: standby\n`)).toEqual({ kind: 'power', power: 'standby', said: 'standby' });
  });

  it('counts a transition as the state the TV is heading for', () => {
    expect(readPowerStatus('power status: in transition from standby to on\n')).toMatchObject({ power: 'on', said: 'in transition from standby to on' });
    expect(readPowerStatus('power status: in transition from on to standby\n')).toMatchObject({ power: 'standby', said: 'in transition from on to standby' });
  });

  it('says unknown when the TV gave no report', () => {
    expect(readPowerStatus(`${OPENING}\npower status: unknown\n`)).toEqual({ kind: 'unknown' });
  });

  it('reads through CRLF, spaces and libcec error log lines', () => {
    const output = `${OPENING}\r\nERROR:   [            1204]\tfailed to request the physical address\r\npower status:  standby \r\n`;
    expect(readPowerStatus(output)).toMatchObject({ power: 'standby' });
  });

  it('gives null for output without a power status, or with words libcec does not print', () => {
    expect(readPowerStatus(OPENING)).toBeNull();
    expect(readPowerStatus('')).toBeNull();
    expect(readPowerStatus('power status: sleepy\n')).toBeNull();
    expect(readPowerStatus('power status: constructor\n')).toBeNull();
    expect(readPowerStatus('the power status: on\n')).toBeNull();
  });
});

describe("cec-client's start failures", () => {
  it('knows the adapter that would not open and the missing libcec', () => {
    expect(startFailure(`${OPENING}\nunable to open the device on port /dev/ttyACM0\n`)).toBe('no-adapter');
    expect(startFailure('Cannot load libcec.so\n')).toBe('no-libcec');
    expect(startFailure(`${OPENING}\npower status: on\n`)).toBeNull();
  });

  it("keeps the messages of libcec's ERROR lines only", () => {
    const output = `${OPENING}\nERROR:   [             188]\tcould not open a connection (try 1)\nWARNING: [  200]\tsomething else\nERROR:   [             1190]\tcould not open a connection (try 2)\n`;
    expect(errorMessages(output)).toEqual(['could not open a connection (try 1)', 'could not open a connection (try 2)']);
    expect(errorMessages(OPENING)).toEqual([]);
  });
});
