import { describe, expect, it } from 'vitest';
import { mdcChecksum, SamsungMdcProtocol } from './mdc-protocol.ts';
import { readAllAnswers } from '../../../../../test/support/display-answers.ts';

const bytes = (...values: number[]) => new Uint8Array(values);


describe('Samsung MDC framing', () => {
  it('sums every byte after the header, keeping the low byte, as the document\'s examples do', () => {
    // MDC document 1.2.1: Power On to ID 0xFE, "11+FE+01+01=111" gives 11; older manuals: ID 0 as 0xFF gives 12.
    expect(mdcChecksum([0x11, 0xfe, 0x01, 0x01])).toBe(0x11);
    expect(mdcChecksum([0x11, 0xff, 0x01, 0x01])).toBe(0x12);
    // MDC document 1.2, RJ45: Power Off to 0xFE, checksum 10.
    expect(mdcChecksum([0x11, 0xfe, 0x01, 0x00])).toBe(0x10);
  });

  it('frames power on, standby and the power query for the configured display id', () => {
    const mdc = new SamsungMdcProtocol({ displayId: 1 });
    expect([...mdc.setPower('on')]).toEqual([0xaa, 0x11, 0x01, 0x01, 0x01, 0x14]);
    expect([...mdc.setPower('standby')]).toEqual([0xaa, 0x11, 0x01, 0x01, 0x00, 0x13]);
    expect([...mdc.queryPower()]).toEqual([0xaa, 0x11, 0x01, 0x00, 0x12]);
    expect([...new SamsungMdcProtocol({ displayId: 0x20 }).queryPower()]).toEqual([0xaa, 0x11, 0x20, 0x00, 0x31]);
    expect(mdc).toMatchObject({ name: 'Samsung MDC', baudRate: 9600, defaultTcpPort: 1515 });
  });

  it('refuses the broadcast id, which no display answers, and ids out of range', () => {
    expect(() => new SamsungMdcProtocol({ displayId: 0xfe })).toThrow(/0 to 253/);
    expect(() => new SamsungMdcProtocol({ displayId: -1 })).toThrow(/0 to 253/);
    expect(() => new SamsungMdcProtocol({ displayId: 1.5 })).toThrow(/0 to 253/);
  });
});

describe('Samsung MDC answers', () => {
  const mdc = new SamsungMdcProtocol({ displayId: 1 });

  it('reads an Ack carrying the power', () => {
    expect(mdc.readAnswer(bytes(0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x01, 0x56))).toEqual({ answer: { kind: 'power', power: 'on' }, used: 8 });
    expect(mdc.readAnswer(bytes(0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x00, 0x55))).toEqual({ answer: { kind: 'power', power: 'standby' }, used: 8 });
  });

  it('reads an Ack without a value as a plain acknowledgement', () => {
    expect(mdc.readAnswer(bytes(0xaa, 0xff, 0x01, 0x02, 0x41, 0x11, 0x54))).toEqual({ answer: { kind: 'ack' }, used: 7 });
  });

  it('reads a Nak as a refusal with its error code', () => {
    expect(mdc.readAnswer(bytes(0xaa, 0xff, 0x01, 0x03, 0x4e, 0x11, 0x01, 0x63))).toEqual({ answer: { kind: 'refused', reason: 'Nak, error code 0x01' }, used: 8 });
  });

  it('waits for a whole answer, whichever way it is split', () => {
    const answer = bytes(0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x01, 0x56);
    for (let cut = 0; cut < answer.length; cut++) expect(mdc.readAnswer(answer.subarray(0, cut))).toBeNull();
  });

  it('skips noise before a header in one piece, then reads the answer', () => {
    const { answers, rest: left } = readAllAnswers(mdc, bytes(0x00, 0x13, 0x7f, 0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x00, 0x55));
    expect(answers).toEqual([{ kind: 'garbage', reason: '3 byte(s) before a frame header' }, { kind: 'power', power: 'standby' }]);
    expect(left).toBe(0);
  });

  it('calls an answer with a wrong checksum garbage, and reads the next one', () => {
    const { answers } = readAllAnswers(mdc, bytes(0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x01, 0x57, 0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x01, 0x56));
    expect(answers).toEqual([{ kind: 'garbage', reason: 'an answer with a wrong checksum 0x57' }, { kind: 'power', power: 'on' }]);
  });

  it('calls garbage what is no answer to this display\'s power command', () => {
    const reasons = (...frame: number[]) => readAllAnswers(mdc, bytes(...frame)).answers.map((answer) => answer.kind === 'garbage' && answer.reason);
    // A header with a command that is no answer (an echo of the bridge's own frame): only the header is skipped.
    expect(reasons(0xaa, 0x11, 0x01, 0x00, 0x12)[0]).toBe('a frame with command 0x11, not an answer');
    expect(reasons(0xaa, 0xff, 0x02, 0x03, 0x41, 0x11, 0x01, 0x57)).toEqual(['an answer from display ID 2, not 1']);
    expect(reasons(0xaa, 0xff, 0x01, 0x03, 0x42, 0x11, 0x01, 0x57)).toEqual(['an answer that is neither Ack nor Nak']);
    expect(reasons(0xaa, 0xff, 0x01, 0x03, 0x41, 0x12, 0x01, 0x57)).toEqual(['an answer to command 0x12, which was not asked']);
    expect(reasons(0xaa, 0xff, 0x01, 0x03, 0x41, 0x11, 0x07, 0x5c)).toEqual(['a power value 0x07 that is neither on nor off']);
    expect(reasons(0xaa, 0xff, 0x01, 0x01, 0x41, 0x42)).toEqual(['an answer that is neither Ack nor Nak']);
  });

  it('takes an answer from 0xFF for display id 0, as older manuals write ID 0', () => {
    const zero = new SamsungMdcProtocol({ displayId: 0 });
    expect(zero.readAnswer(bytes(0xaa, 0xff, 0x00, 0x03, 0x41, 0x11, 0x01, 0x55))?.answer).toEqual({ kind: 'power', power: 'on' });
    expect(zero.readAnswer(bytes(0xaa, 0xff, 0xff, 0x03, 0x41, 0x11, 0x01, 0x54))?.answer).toEqual({ kind: 'power', power: 'on' });
  });
});
