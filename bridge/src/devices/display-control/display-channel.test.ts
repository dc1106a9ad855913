import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';
import { DisplayChannel } from './display-channel.ts';
import type { DisplayProtocol } from './display-protocol.ts';

/** Answers are two bytes, 'P' then '1' (on) or '0' (standby); 'R' alone is a refusal; any other byte is garbage. */
const twoByte: DisplayProtocol = {
  name: 'Two-byte',
  baudRate: 9600,
  defaultTcpPort: undefined,
  setPower: (power) => new TextEncoder().encode(power === 'on' ? 'S1' : 'S0'),
  queryPower: () => new TextEncoder().encode('Q'),
  readAnswer(received) {
    const [first, second] = [...received].map((byte) => String.fromCharCode(byte));
    if (first === undefined) return null;
    if (first === 'R') return { answer: { kind: 'refused', reason: 'busy' }, used: 1 };
    if (first === '!') throw new Error('codec bug');
    if (first !== 'P') return { answer: { kind: 'garbage', reason: `stray ${first}` }, used: 1 };
    if (second === undefined) return null;
    return { answer: { kind: 'power', power: second === '1' ? 'on' : 'standby' }, used: 2 };
  },
};

function rig() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const written: string[] = [];
  let deliver: (chunk: Uint8Array) => void = () => {};
  let closeListener: () => void = () => {};
  const transport: ByteTransport = {
    write: (bytes) => written.push(new TextDecoder().decode(bytes)),
    onData: (listener) => (deliver = listener),
    onClose: (listener) => (closeListener = listener),
    close: () => closeListener(),
  };
  let answers = 0;
  let closes = 0;
  const channel = new DisplayChannel(transport, { protocol: twoByte, clock, logger: pino({ level: 'silent' }), replyTimeoutMs: 1000, onAnswer: () => answers++, onClose: () => closes++ });
  const send = (text: string) => deliver(new TextEncoder().encode(text));
  return { clock, channel, written, send, answers: () => answers, closes: () => closes, drop: () => closeListener() };
}

describe('display channel', () => {
  it('reads an answer split across chunks, skipping noise before it', async () => {
    const { channel, written, send, answers } = rig();
    const outcome = channel.request(twoByte.queryPower(), 'the power query');
    send('xy');
    send('P');
    send('1');
    await expect(outcome).resolves.toEqual({ ok: true, answer: { kind: 'power', power: 'on' } });
    expect(written).toEqual(['Q']);
    expect(answers()).toBe(1);
  });

  it('takes nothing said before the command for its answer', async () => {
    const { channel, send, clock } = rig();
    send('P1');
    const outcome = channel.request(twoByte.queryPower(), 'the power query');
    clock.advance(1000);
    await expect(outcome).resolves.toEqual({ ok: false, code: 'no-answer', text: 'no answer to the power query within 1000 ms' });
  });

  it('says garbage when only garbage came, and refused for a refusal', async () => {
    const { channel, send, clock } = rig();
    const garbled = channel.request(twoByte.setPower('on'), 'power on');
    send('zz');
    clock.advance(1000);
    await expect(garbled).resolves.toEqual({ ok: false, code: 'garbage', text: 'only garbage in answer to power on (stray z)' });
    const refused = channel.request(twoByte.setPower('on'), 'power on');
    send('R');
    await expect(refused).resolves.toEqual({ ok: false, code: 'refused', text: 'power on refused: busy' });
  });

  it('turns a codec that throws into garbage, not a crash', async () => {
    const { channel, send, clock } = rig();
    const outcome = channel.request(twoByte.queryPower(), 'the power query');
    send('!P1');
    clock.advance(1000);
    await expect(outcome).resolves.toMatchObject({ ok: false, code: 'garbage', text: 'only garbage in answer to the power query (codec bug)' });
  });

  it('sends one command at a time, and fails the one waiting when the connection closes', async () => {
    const { channel, closes, drop } = rig();
    const outcome = channel.request(twoByte.queryPower(), 'the power query');
    expect(() => channel.request(twoByte.queryPower(), 'another')).toThrow(/one command at a time/);
    drop();
    await expect(outcome).resolves.toEqual({ ok: false, code: 'disconnected', text: 'the connection closed' });
    expect(closes()).toBe(1);
    await expect(channel.request(twoByte.queryPower(), 'after')).resolves.toMatchObject({ ok: false, code: 'disconnected' });
  });
});
