import { describe, expect, it } from 'vitest';
import { LgSimulator } from '../../../../../test/simulator/display-control/lg-simulator.ts';
import type { DisplayAnswer } from '../display-protocol.ts';
import { FakeClock } from '../../../../../test/support/fake-clock.ts';
import { LgProtocol } from './lg-protocol.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The codec against the simulated display, in process: what the simulator sends, read as the bridge reads it. */
function rig(setId = 1, clock?: FakeClock) {
  const sent: Uint8Array[] = [];
  let drops = 0;
  const sim = new LgSimulator({ setId, clock, powerOnMs: 3000, send: (data) => sent.push(data), drop: () => drops++ });
  const lg = new LgProtocol({ setId });
  /** What the display sent since last asked, read as the bridge reads it. */
  const later = (): DisplayAnswer[] => {
    const stream = new Uint8Array(sent.splice(0).flatMap((chunk) => [...chunk]));
    const answers: DisplayAnswer[] = [];
    for (let at = 0, read = lg.readAnswer(stream); read; read = lg.readAnswer(stream.subarray(at))) {
      answers.push(read.answer);
      at += read.used;
    }
    return answers;
  };
  const exchange = (command: Uint8Array): DisplayAnswer[] => {
    sim.receive(command);
    return later();
  };
  return { sim, lg, exchange, later, drops: () => drops };
}

describe('the LG codec against the LG simulator', () => {
  it('switches the display on and to standby and reads the power back', () => {
    const { sim, lg, exchange } = rig();
    expect(exchange(lg.queryPower())).toEqual([{ kind: 'power', power: 'standby' }]);
    expect(exchange(lg.setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(sim.power).toBe('on');
    expect(exchange(lg.setPower('standby'))).toEqual([{ kind: 'power', power: 'standby' }]);
    sim.setPowerByHand('on');
    expect(exchange(lg.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    expect(sim.received).toEqual(['ka 01 ff', 'ka 01 01', 'ka 01 00', 'ka 01 ff']);
  });

  it('acknowledges power on once it is done, and answers "wait more time" (busy) meanwhile', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const { sim, lg, exchange, later } = rig(1, clock);
    expect(exchange(lg.setPower('on')), 'no answer while power on runs').toEqual([]);
    clock.advance(1000);
    expect(exchange(lg.queryPower())).toEqual([{ kind: 'busy' }]);
    expect(sim.busyAnswers).toBe(1);
    clock.advance(2000);
    expect(later()).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(lg.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(lg.setPower('standby')), 'standby at once').toEqual([{ kind: 'power', power: 'standby' }]);
  });

  it('answers with its Set ID in hex, and ignores commands for other sets', () => {
    const { sim, exchange } = rig(26);
    expect(exchange(new LgProtocol({ setId: 26 }).setPower('on'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(new LgProtocol({ setId: 2 }).setPower('standby'))).toEqual([]);
    expect(sim.power).toBe('on');
  });

  it('acts on Set ID 00 without answering, as the manual says', () => {
    const { sim, exchange } = rig();
    expect(exchange(bytes('ka 00 01\r'))).toEqual([]);
    expect(sim.power).toBe('on');
  });

  it('answers NG to illegal data, other commands and malformed lines', () => {
    const { sim, exchange } = rig();
    expect(exchange(bytes('ka 01 07\r'))).toEqual([{ kind: 'refused', reason: 'NG 00 (illegal code)' }]);
    expect(exchange(bytes('ka 01 1\r'))).toEqual([{ kind: 'refused', reason: 'NG 00 (illegal code)' }]);
    // "f 01 NG00x" answers another command than ka: the power codec cannot read it.
    expect(exchange(bytes('kf 01 10\r')).map((answer) => answer.kind)).toEqual(['garbage']);
    expect(sim.power).toBe('standby');
  });

  it('shows each fault: refuse, garbage, silence, drop', () => {
    const { sim, lg, exchange, drops } = rig();
    sim.faults.refuse = true;
    expect(exchange(lg.setPower('on'))).toEqual([{ kind: 'refused', reason: 'NG 00 (illegal code)' }]);
    expect(sim.power).toBe('standby');
    sim.faults.refuse = false;
    sim.faults.garbage = true;
    expect(exchange(lg.setPower('on')).map((answer) => answer.kind)).toEqual(['garbage']);
    sim.faults.garbage = false;
    sim.faults.silent = true;
    expect(exchange(lg.setPower('standby'))).toEqual([]);
    expect(sim.power).toBe('on');
    sim.faults.silent = false;
    sim.faults.drop = true;
    expect(exchange(lg.queryPower())).toEqual([]);
    expect([drops(), sim.faults.drop]).toEqual([1, false]);
    expect(exchange(lg.queryPower())).toEqual([{ kind: 'power', power: 'on' }]);
  });

  it('takes a command split across chunks and drops an over-long line', () => {
    const { sim, exchange } = rig();
    expect(exchange(bytes('ka 01'))).toEqual([]);
    expect(exchange(bytes(' 01\r'))).toEqual([{ kind: 'power', power: 'on' }]);
    expect(exchange(bytes(`${'x'.repeat(100)}ka 01 00\r`))).toEqual([]);
    expect(sim.power).toBe('on');
  });
});
