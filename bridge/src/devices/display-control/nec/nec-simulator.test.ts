import { describe, expect, it } from 'vitest';
import { NecSimulator } from '../../../../../test/simulator/display-control/nec-simulator.ts';
import { FakeClock } from '../../../../../test/support/fake-clock.ts';
import type { DisplayAnswer } from '../display-protocol.ts';
import { NecProtocol, necCheckCode } from './nec-protocol.ts';

/** The packet with one byte changed and its check code made right again. */
function withByte(packet: Uint8Array, index: number, byte: number): Uint8Array {
  const changed = packet.slice();
  changed[index] = byte;
  changed[changed.length - 2] = necCheckCode(changed.subarray(1, -2));
  return changed;
}

/**
 * The codec against the simulated monitor, in process: what the simulator
 * sends, read as the bridge reads it. Power changes take no time unless
 * `powerChangeMs` says.
 */
function rig(monitorId = 1, powerChangeMs = 0) {
  const sent: Uint8Array[] = [];
  let drops = 0;
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const sim = new NecSimulator({ monitorId, clock, powerChangeMs, send: (data) => sent.push(data), drop: () => drops++ });
  const nec = new NecProtocol({ monitorId });
  const exchange = (command: Uint8Array): DisplayAnswer[] => {
    sent.length = 0;
    sim.receive(command);
    const stream = new Uint8Array(sent.flatMap((chunk) => [...chunk]));
    const answers: DisplayAnswer[] = [];
    for (let at = 0, read = nec.readAnswer(stream); read; read = nec.readAnswer(stream.subarray(at))) {
      answers.push(read.answer);
      at += read.used;
    }
    return answers;
  };
  return { sim, nec, clock, exchange, drops: () => drops };
}

describe('the NEC codec against the NEC simulator', () => {
  it('switches the monitor on and off and reads the power status back', () => {
    const { sim, nec, exchange } = rig();
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'standby' }]);
    expect(exchange(nec.setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(sim.mode).toBe('on');
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(nec.setPower('standby'))).toEqual([{ kind: 'power', power: 'standby' }]);
    expect(sim.mode).toBe('off');
    expect(sim.received).toEqual(['01D6', 'C203D60001', '01D6', 'C203D60004']);
  });

  it('reports Stand-by and Suspend as standby, and a power key press', () => {
    const { sim, nec, exchange } = rig();
    sim.mode = 'suspend';
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'standby' }]);
    sim.setPowerByHand('on');
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
  });

  it('answers only its own monitor ID, and nobody answers ALL', () => {
    const { sim, exchange } = rig(27);
    expect(exchange(new NecProtocol({ monitorId: 27 }).setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(new NecProtocol({ monitorId: 1 }).setPower('standby'))).toEqual([]);
    expect(sim.mode).toBe('on');
    // Destination '*' (2Ah): every monitor on the chain.
    expect(exchange(withByte(new NecProtocol({ monitorId: 27 }).setPower('standby'), 2, 0x2a))).toEqual([]);
    expect(sim.mode).toBe('off');
  });

  it('throws away a packet with a wrong check code, without answering', () => {
    const { sim, nec, exchange } = rig();
    const packet = nec.setPower('on');
    expect(exchange(packet.map((byte, at) => (at === packet.length - 2 ? byte ^ 0x01 : byte)))).toEqual([]);
    expect([sim.mode, sim.badCheckCodes]).toEqual(['off', 1]);
  });

  it('answers the NULL message to what it does not know, and refuses modes it must not be set to', () => {
    const { nec, exchange } = rig();
    // Message type 'C', "Get current parameter", which this monitor does not implement.
    expect(exchange(withByte(nec.queryPower(), 4, 0x43))).toEqual([{ kind: 'busy' }]);
    // Power mode 0002, which NEC EC 7.2 says not to set.
    expect(exchange(withByte(nec.setPower('standby'), 17, 0x32))).toEqual([{ kind: 'refused', reason: 'power control result code 01' }]);
  });

  it('answers the NULL message while a power change runs, and counts commands sent sooner than 600 ms after a reply', () => {
    const { sim, nec, clock, exchange } = rig(1, 5000);
    expect(exchange(nec.setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    clock.advance(600);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'busy' }]);
    expect(exchange(nec.setPower('standby'))).toEqual([{ kind: 'busy' }]);
    expect([sim.mode, sim.busyAnswers, sim.packetsTooSoon]).toEqual(['on', 2, 1]);
    clock.advance(4400);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    // The same power again is no change: no busy time.
    clock.advance(600);
    expect(exchange(nec.setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    clock.advance(600);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    sim.setPowerByHand('standby');
    clock.advance(600);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'busy' }]);
    expect([sim.busyAnswers, sim.packetsTooSoon]).toEqual([3, 1]);
  });

  it('shows each fault: refuse, garbage, silence, drop', () => {
    const { sim, nec, exchange, drops } = rig();
    sim.faults.refuse = true;
    expect(exchange(nec.setPower('on'))).toEqual([{ kind: 'refused', reason: 'power control result code 01' }]);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'refused', reason: 'power status read unsupported (result code 01)' }]);
    expect(sim.mode).toBe('off');
    sim.faults.refuse = false;
    sim.faults.garbage = true;
    expect(exchange(nec.setPower('on')).every((answer) => answer.kind === 'garbage')).toBe(true);
    sim.faults.garbage = false;
    sim.faults.silent = true;
    expect(exchange(nec.setPower('standby'))).toEqual([]);
    expect(sim.mode).toBe('on');
    sim.faults.silent = false;
    sim.faults.drop = true;
    expect(exchange(nec.queryPower())).toEqual([]);
    expect([drops(), sim.faults.drop]).toEqual([1, false]);
    expect(exchange(nec.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
  });

  it('takes a packet split across chunks and resynchronises after noise', () => {
    const { exchange, nec } = rig();
    const packet = nec.setPower('on');
    expect(exchange(packet.subarray(0, 5))).toEqual([]);
    expect(exchange(packet.subarray(5))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(new Uint8Array([0xff, 0x01, 0x39, 0x0d, ...nec.queryPower()]))).toEqual([{ kind: 'power', power: 'on' }]);
  });
});
