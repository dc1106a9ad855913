import { describe, expect, it } from 'vitest';
import { MdcSimulator } from '../../../../../test/simulator/display-control/mdc-simulator.ts';
import type { DisplayAnswer } from '../display-protocol.ts';
import { SamsungMdcProtocol } from './mdc-protocol.ts';

/** The codec against the simulated display, in process: what the simulator sends, read as the bridge reads it. */
function rig(displayId = 1) {
  const sent: Uint8Array[] = [];
  let drops = 0;
  const sim = new MdcSimulator({ displayId, send: (data) => sent.push(data), drop: () => drops++ });
  const mdc = new SamsungMdcProtocol({ displayId });
  const exchange = (command: Uint8Array | number[]): DisplayAnswer[] => {
    sent.length = 0;
    sim.receive(new Uint8Array(command));
    const stream = new Uint8Array(sent.flatMap((chunk) => [...chunk]));
    const answers: DisplayAnswer[] = [];
    for (let at = 0, read = mdc.readAnswer(stream); read; read = mdc.readAnswer(stream.subarray(at))) {
      answers.push(read.answer);
      at += read.used;
    }
    return answers;
  };
  return { sim, mdc, exchange, sent, drops: () => drops };
}

describe('the Samsung MDC codec against the MDC simulator', () => {
  it('switches the display on and to standby and reads the power back', () => {
    const { sim, mdc, exchange } = rig();
    expect(exchange(mdc.queryPower())).toEqual([{ kind: 'power', power: 'standby' }]);
    expect(exchange(mdc.setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(sim.power).toBe('on');
    expect(exchange(mdc.setPower('standby'))).toEqual([{ kind: 'power', power: 'standby' }]);
    sim.setPowerByHand('on');
    expect(exchange(mdc.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    expect(sim.received).toEqual(['AA 11 01 00 12', 'AA 11 01 01 01 14', 'AA 11 01 01 00 13', 'AA 11 01 00 12']);
  });

  it('takes frames split anywhere and several in one chunk', () => {
    const { sim, mdc, exchange } = rig();
    const on = [...mdc.setPower('on')];
    expect(exchange(on.slice(0, 2))).toEqual([]);
    expect(exchange([...on.slice(2), ...mdc.queryPower()])).toEqual([
      { kind: 'power', power: 'on' },
      { kind: 'power', power: 'on' },
    ]);
    expect(sim.power).toBe('on');
  });

  it('ignores frames for other displays, and acts on 0xFE without answering, as the document says', () => {
    const { sim, exchange } = rig(7);
    expect(exchange(new SamsungMdcProtocol({ displayId: 2 }).setPower('on'))).toEqual([]);
    expect(sim.power).toBe('standby');
    expect(exchange([0xaa, 0x11, 0xfe, 0x01, 0x01, 0x11])).toEqual([]);
    expect(sim.power).toBe('on');
  });

  it('says nothing to a frame with a wrong checksum, and does nothing', () => {
    const { sim, exchange } = rig();
    expect(exchange([0xaa, 0x11, 0x01, 0x01, 0x01, 0x15])).toEqual([]);
    expect(sim).toMatchObject({ power: 'standby', badChecksums: 1, received: [] });
  });

  it('refuses other commands and bad power values with a Nak', () => {
    const { sim, exchange, sent } = rig();
    // Volume (0x12) is no business of the power codec: the Nak is checked as bytes.
    exchange([0xaa, 0x12, 0x01, 0x01, 0x10, 0x24]);
    expect(sent.flatMap((chunk) => [...chunk])).toEqual([0xaa, 0xff, 0x01, 0x03, 0x4e, 0x12, 0x01, 0x64]);
    expect(exchange([0xaa, 0x11, 0x01, 0x01, 0x05, 0x18])).toEqual([{ kind: 'refused', reason: 'Nak, error code 0x01' }]);
    expect(sim.power).toBe('standby');
  });

  it('shows its faults: silence, Nak for everything, garbage, a dropped connection', () => {
    const { sim, mdc, exchange, drops } = rig();
    sim.faults.silent = true;
    expect(exchange(mdc.setPower('on'))).toEqual([]);
    expect(sim.power).toBe('standby');
    sim.faults.silent = false;
    sim.faults.refuse = true;
    expect(exchange(mdc.setPower('on'))).toEqual([{ kind: 'refused', reason: 'Nak, error code 0x01' }]);
    sim.faults.refuse = false;
    sim.faults.garbage = true;
    expect(exchange(mdc.queryPower()).map((answer) => answer.kind)).toEqual(['garbage', 'garbage']);
    sim.faults.garbage = false;
    sim.faults.drop = true;
    expect(exchange(mdc.queryPower())).toEqual([]);
    expect(drops()).toBe(1);
    expect(sim.faults.drop).toBe(false);
    expect(exchange(mdc.queryPower())).toEqual([{ kind: 'power', power: 'standby' }]);
  });
});
