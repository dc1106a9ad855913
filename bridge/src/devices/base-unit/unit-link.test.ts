import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { UnitLink, type UnitEvent } from './unit-link.ts';
import type { ByteTransport } from '../transport/byte-transport.ts';

/** The unit's end of the wire, scripted by the test. */
class ScriptedUnit implements ByteTransport {
  readonly sent: string[] = [];
  #data: ((chunk: Uint8Array) => void) | null = null;
  #close: (() => void) | null = null;
  closed = false;

  write(bytes: Uint8Array): void {
    this.sent.push(new TextDecoder().decode(bytes));
  }
  onData(listener: (chunk: Uint8Array) => void): void {
    this.#data = listener;
  }
  onClose(listener: () => void): void {
    this.#close = listener;
  }
  close(): void {
    this.closed = true;
    this.#close?.();
  }
  say(text: string): void {
    this.#data?.(new TextEncoder().encode(text));
  }
  /** The tag of the n-th request sent. */
  tag(n: number): string {
    return this.sent[n]!.split(' ')[0]!;
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function link() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const unit = new ScriptedUnit();
  const events: UnitEvent[] = [];
  let lost = 0;
  const connection = new UnitLink({ transport: unit, clock, logger: pino({ level: 'silent' }), onEvent: (e) => events.push(e), onLost: () => lost++ });
  return { clock, unit, events, connection, lost: () => lost };
}

describe('BUCP/1 host link', () => {
  it('matches replies to requests by tag, in whatever order they come, with events in between', async () => {
    const { unit, events, connection } = link();
    const power = connection.request({ name: 'POWER', state: 'ON' });
    const led = connection.request({ name: 'LED', color: 'RED', mode: 'SOLID' });
    expect(unit.sent).toEqual(['1 POWER ON\r\n', '2 LED RED SOLID\r\n']);
    unit.say('2 OK led=RED/SOLID\r\n! SHARING state=1 clients=1\r\n');
    unit.say('1 OK power=on\n');
    expect(await power).toEqual({ ok: true, fields: { power: 'on' } });
    expect(await led).toEqual({ ok: true, fields: { led: 'RED/SOLID' } });
    expect(events).toEqual([{ name: 'SHARING', fields: { state: '1', clients: '1' } }]);
  });

  it('passes on an error reply without retrying', async () => {
    const { unit, connection } = link();
    const reply = connection.request({ name: 'POWER', state: 'ON' });
    unit.say('1 ERR 409 monitor unplugged\r\n');
    expect(await reply).toEqual({ ok: false, code: 409, text: 'monitor unplugged' });
    expect(unit.sent).toHaveLength(1);
  });

  it('retries an unanswered request twice under new tags, and ignores a late reply to the old tag', async () => {
    const { clock, unit, connection } = link();
    const reply = connection.request({ name: 'STATUS' });
    clock.advance(1000);
    await flush();
    expect(unit.sent).toEqual(['1 STATUS\r\n', '2 STATUS\r\n']);
    unit.say('1 OK power=on\r\n');
    clock.advance(999);
    await flush();
    unit.say('2 OK power=standby\r\n');
    expect(await reply).toEqual({ ok: true, fields: { power: 'standby' } });
  });

  it('gives up after three attempts and calls the unit lost', async () => {
    const { clock, unit, connection, lost } = link();
    const reply = connection.request({ name: 'PING' });
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await flush();
    }
    expect(await reply).toMatchObject({ ok: false, code: 'timeout' });
    expect(unit.sent).toHaveLength(3);
    expect(lost()).toBe(1);
  });

  it('pings every 5 s while idle, and not while a request is waiting', async () => {
    const { clock, unit, connection } = link();
    clock.advance(4999);
    expect(unit.sent).toEqual([]);
    clock.advance(1);
    expect(unit.sent).toEqual(['1 PING\r\n']);
    unit.say('1 OK\r\n');
    await flush();
    void connection.request({ name: 'STATUS' });
    clock.advance(900);
    unit.say('2 OK\r\n');
    await flush();
    clock.advance(4999);
    expect(unit.sent).toEqual(['1 PING\r\n', '2 STATUS\r\n']);
    clock.advance(1);
    expect(unit.sent).toEqual(['1 PING\r\n', '2 STATUS\r\n', '3 PING\r\n']);
  });

  it('survives garbage, over-long lines and a throwing event handler', async () => {
    const clock = new FakeClock(0);
    const unit = new ScriptedUnit();
    const connection = new UnitLink({
      transport: unit,
      clock,
      logger: pino({ level: 'silent' }),
      onEvent: () => {
        throw new Error('handler bug');
      },
      onLost: () => {},
    });
    const reply = connection.request({ name: 'PING' });
    unit.say('\x00\xff garbage\r\n');
    unit.say(`${'x'.repeat(500)}\n`);
    unit.say('! BOOT fw=2.4.1\r\n');
    unit.say('1 OK\r\n');
    expect(await reply).toEqual({ ok: true, fields: {} });
  });

  it('answers every waiting request when the connection closes', async () => {
    const { unit, connection } = link();
    const reply = connection.request({ name: 'STATUS' });
    unit.close();
    expect(await reply).toMatchObject({ ok: false, code: 'timeout', text: 'connection closed' });
    expect(await connection.request({ name: 'PING' })).toMatchObject({ ok: false });
  });
});
