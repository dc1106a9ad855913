import { describe, expect, it } from 'vitest';
import { NecProtocol, necCheckCode } from './nec-protocol.ts';
import { readAllAnswers } from '../../../../../test/support/display-answers.ts';

const hex = (text: string) => new Uint8Array(text.split(' ').map((byte) => Number.parseInt(byte, 16)));

/** A packet as NEC's manual lays it out, built here byte by byte for the tests. */
function packet(destination: string, source: string, type: string, message: string, checkCode?: number): Uint8Array {
  const body = [0x30, destination.charCodeAt(0), source.charCodeAt(0), type.charCodeAt(0)];
  for (const char of (message.length + 2).toString(16).toUpperCase().padStart(2, '0')) body.push(char.charCodeAt(0));
  body.push(0x02, ...[...message].map((char) => char.charCodeAt(0)), 0x03);
  return new Uint8Array([0x01, ...body, checkCode ?? body.reduce((code, byte) => code ^ byte, 0), 0x0d]);
}
const reply = (message: string, source = 'A') => packet('0', source, 'B', message);


describe('NEC check code', () => {
  it('matches the manual’s worked example (77h)', () => {
    expect(necCheckCode(hex('30 41 30 45 30 41 02 30 30 31 30 30 30 36 34 03'))).toBe(0x77);
  });
});

describe('NEC monitor IDs', () => {
  it('takes 1 to 100, and refuses anything else', () => {
    expect(new NecProtocol({ monitorId: 100 }).name).toBe('NEC');
    for (const monitorId of [0, 101, 2.5, Number.NaN]) expect(() => new NecProtocol({ monitorId })).toThrow(RangeError);
  });
});

describe('NEC commands', () => {
  const nec = new NecProtocol({ monitorId: 1 });

  it('frames power control and the power status read as the manual shows them', () => {
    expect(nec.setPower('on')).toEqual(hex('01 30 41 30 41 30 43 02 43 32 30 33 44 36 30 30 30 31 03 73 0d'));
    expect(nec.setPower('standby')).toEqual(hex('01 30 41 30 41 30 43 02 43 32 30 33 44 36 30 30 30 34 03 76 0d'));
    expect(nec.queryPower()).toEqual(hex('01 30 41 30 41 30 36 02 30 31 44 36 03 74 0d'));
  });

  it('addresses monitor IDs past Z by the manual’s table', () => {
    expect(new NecProtocol({ monitorId: 27 }).queryPower()[2]).toBe(0x5b);
    expect(new NecProtocol({ monitorId: 100 }).queryPower()[2]).toBe(0xa4);
  });

  it('is 9600 baud on RS-232C and TCP port 7142 on the LAN', () => {
    expect([nec.name, nec.baudRate, nec.defaultTcpPort]).toEqual(['NEC', 9600, 7142]);
  });
});

describe('NEC replies', () => {
  const nec = new NecProtocol({ monitorId: 1 });

  it('reads the power status reply: ON is on, Stand-by, Suspend and OFF are standby', () => {
    expect(nec.readAnswer(hex('01 30 30 41 42 31 32 02 30 32 30 30 44 36 30 30 30 30 30 34 30 30 30 31 03 74 0d'))).toEqual({
      answer: { kind: 'power', power: 'on' },
      used: 27,
    });
    for (const mode of ['0002', '0003', '0004']) expect(nec.readAnswer(reply(`0200D6000004${mode}`))?.answer).toEqual({ kind: 'power', power: 'standby' });
  });

  it('reads the power control reply as the mode it echoes', () => {
    expect(nec.readAnswer(hex('01 30 30 41 42 30 45 02 30 30 43 32 30 33 44 36 30 30 30 31 03 76 0d'))).toEqual({
      answer: { kind: 'power', power: 'on' },
      used: 23,
    });
    expect(nec.readAnswer(reply('00C203D60004'))?.answer).toEqual({ kind: 'power', power: 'standby' });
  });

  it('reads error results as refusals and the NULL message as busy', () => {
    expect(nec.readAnswer(reply('0201D6000004FFFF'))?.answer).toEqual({ kind: 'refused', reason: 'power status read unsupported (result code 01)' });
    expect(nec.readAnswer(reply('01C203D60001'))?.answer).toEqual({ kind: 'refused', reason: 'power control result code 01' });
    // The manual's NULL message, whose check code happens to be 01h, the same byte as SOH.
    expect(nec.readAnswer(hex('01 30 30 41 42 30 34 02 42 45 03 01 0d'))).toEqual({ answer: { kind: 'busy' }, used: 13 });
  });

  it('calls a wrong check code garbage and reads the next packet after it', () => {
    const bad = packet('0', 'A', 'B', '00C203D60001', 0x00);
    const { answers, rest } = readAllAnswers(nec, new Uint8Array([...bad, ...reply('00C203D60004')]));
    expect(answers).toEqual([
      { kind: 'garbage', reason: 'a packet with a wrong check code' },
      { kind: 'power', power: 'standby' },
    ]);
    expect(rest).toBe(0);
  });

  it('calls a reply from another monitor, of another type or content, garbage', () => {
    expect(nec.readAnswer(reply('00C203D60001', 'B'))?.answer).toEqual({ kind: 'garbage', reason: 'a reply from monitor address 42h' });
    expect(nec.readAnswer(packet('0', 'A', 'D', '00001000006400032'))?.answer.kind).toBe('garbage');
    expect(nec.readAnswer(reply('00C203D60007'))?.answer.kind).toBe('garbage');
    expect(nec.readAnswer(reply('C316303132'))?.answer.kind).toBe('garbage');
  });

  it('waits for a whole packet, byte by byte', () => {
    const whole = reply('0200D60000040001');
    for (let n = 1; n < whole.length; n++) expect(nec.readAnswer(whole.subarray(0, n))).toBeNull();
    expect(nec.readAnswer(whole)?.answer.kind).toBe('power');
    expect(nec.readAnswer(new Uint8Array())).toBeNull();
  });

  it('skips bytes before SOH and headers that cannot be a reply', () => {
    const noise = new Uint8Array([0x0d, 0x0a, 0xff]);
    const badLength = hex('01 30 30 41 42 3f 3f');
    const toMonitor = hex('01 30 41 30');
    const { answers, rest } = readAllAnswers(nec, new Uint8Array([...noise, ...badLength, ...toMonitor, ...reply('00C203D60001')]));
    expect(answers.map((answer) => answer.kind)).toEqual(['garbage', 'garbage', 'garbage', 'power']);
    expect(rest).toBe(0);
  });

  it('calls a packet without ETX and CR where its length puts them garbage', () => {
    const broken = reply('00C203D60001');
    broken[broken.length - 1] = 0x0a;
    expect(nec.readAnswer(broken)?.answer.kind).toBe('garbage');
  });

  it('never stalls or holds more than one packet on random input', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = [0x01, 0x02, 0x03, 0x0d, 0x30, 0x41, 0x42, 0x31, 0x32, 0x45];
    for (let round = 0; round < 500; round++) {
      const stream = new Uint8Array(300).map(() => (random() < 0.8 ? alphabet[Math.floor(random() * alphabet.length)]! : Math.floor(random() * 256)));
      expect(readAllAnswers(nec, stream).rest).toBeLessThanOrEqual(7 + 0xff + 2);
    }
  });
});
