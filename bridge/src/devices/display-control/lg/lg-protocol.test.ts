import { describe, expect, it } from 'vitest';
import { LgProtocol } from './lg-protocol.ts';
import { readAllAnswers } from '../../../../../test/support/display-answers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);


describe('LG ka commands', () => {
  it('sends ka, the Set ID in small hex characters, the data and CR', () => {
    const lg = new LgProtocol({ setId: 1 });
    expect(text(lg.setPower('on'))).toBe('ka 01 01\r');
    expect(text(lg.setPower('standby'))).toBe('ka 01 00\r');
    expect(text(lg.queryPower())).toBe('ka 01 ff\r');
    expect(text(new LgProtocol({ setId: 10 }).queryPower())).toBe('ka 0a ff\r');
    expect(text(new LgProtocol({ setId: 255 }).setPower('on'))).toBe('ka ff 01\r');
  });

  it('refuses Set ID 0 (every set, no answer) and IDs out of range', () => {
    for (const setId of [0, -1, 256, 1000, 1.5, Number.NaN]) expect(() => new LgProtocol({ setId })).toThrow(RangeError);
  });

  it('is 9600 baud, with no TCP port of its own', () => {
    const lg = new LgProtocol({ setId: 1 });
    expect([lg.name, lg.baudRate, lg.defaultTcpPort]).toEqual(['LG', 9600, undefined]);
  });
});

describe('LG answers', () => {
  const lg = new LgProtocol({ setId: 1 });

  it('reads OK answers as the power they carry', () => {
    expect(lg.readAnswer(bytes('a 01 OK01x'))).toEqual({ answer: { kind: 'power', power: 'on' }, used: 10 });
    expect(lg.readAnswer(bytes('a 01 OK00x'))).toEqual({ answer: { kind: 'power', power: 'standby' }, used: 10 });
  });

  it('reads NG 03, "wait more time", as a busy set to ask again', () => {
    expect(lg.readAnswer(bytes('a 01 NG03x'))?.answer).toEqual({ kind: 'busy' });
  });

  it('reads an NG answer as a refusal with the manual’s reason', () => {
    expect(lg.readAnswer(bytes('a 01 NG00x'))?.answer).toEqual({ kind: 'refused', reason: 'NG 00 (illegal code)' });
    expect(lg.readAnswer(bytes('a 01 NG02x'))?.answer).toEqual({ kind: 'refused', reason: 'NG 02 (not supported function)' });
    expect(lg.readAnswer(bytes('a 01 NG7fx'))?.answer).toEqual({ kind: 'refused', reason: 'NG 7f (unknown error)' });
  });

  it('takes the Set ID in either case', () => {
    expect(new LgProtocol({ setId: 10 }).readAnswer(bytes('a 0A OK01x'))?.answer).toEqual({ kind: 'power', power: 'on' });
    expect(new LgProtocol({ setId: 255 }).readAnswer(bytes('a ff OK00x'))).toEqual({ answer: { kind: 'power', power: 'standby' }, used: 10 });
  });

  it('waits for a whole answer, byte by byte', () => {
    const answer = 'a 01 OK01x';
    for (let n = 1; n < answer.length; n++) expect(lg.readAnswer(bytes(answer.slice(0, n)))).toBeNull();
    expect(lg.readAnswer(new Uint8Array())).toBeNull();
  });

  it('skips noise up to the next byte that can start an answer', () => {
    const { answers, rest } = readAllAnswers(lg, bytes('\r\n\xff?? ab a 01 OK01x'));
    expect(answers.map((answer) => answer.kind)).toEqual(['garbage', 'garbage', 'power']);
    expect(rest).toBe(0);
  });

  it('calls an answer for another set, or with data that is no power, garbage', () => {
    expect(lg.readAnswer(bytes('a 02 OK01x'))).toEqual({ answer: { kind: 'garbage', reason: 'an answer from Set ID 2, not 1' }, used: 10 });
    expect(lg.readAnswer(bytes('a 01 OK05x'))?.answer.kind).toBe('garbage');
  });

  it('gives up on a malformed answer at once rather than waiting', () => {
    expect(lg.readAnswer(bytes('a 01 OK0zx'))).toMatchObject({ answer: { kind: 'garbage' }, used: 10 });
    expect(lg.readAnswer(bytes('a 01 XX'))).toMatchObject({ answer: { kind: 'garbage' }, used: 7 });
    expect(lg.readAnswer(bytes('a 001 OK01x'))?.answer.kind).toBe('garbage');
  });

  it('reads answers that arrive back to back', () => {
    const { answers } = readAllAnswers(lg, bytes('a 01 OK00xa 01 NG01xa 01 OK01x'));
    expect(answers).toEqual([
      { kind: 'power', power: 'standby' },
      { kind: 'refused', reason: 'NG 01 (illegal code)' },
      { kind: 'power', power: 'on' },
    ]);
  });

  it('never stalls or holds more than one answer’s bytes on random input', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = bytes('a 01OKNGx\r\n0fz');
    for (let round = 0; round < 500; round++) {
      const stream = new Uint8Array(64).map(() => (random() < 0.8 ? alphabet[Math.floor(random() * alphabet.length)]! : Math.floor(random() * 256)));
      expect(readAllAnswers(lg, stream).rest).toBeLessThan(10);
    }
  });
});
