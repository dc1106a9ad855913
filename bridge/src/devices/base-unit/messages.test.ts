import { describe, expect, it } from 'vitest';
import { formatRequest, parseUnitLine } from './messages.ts';

describe('BUCP/1 messages from the unit', () => {
  it('parses replies, errors and events', () => {
    expect(parseUnitLine('1 OK model=BU-200 serial=A1B2C3 fw=2.4.1 proto=1')).toEqual({
      kind: 'ok',
      tag: '1',
      fields: { model: 'BU-200', serial: 'A1B2C3', fw: '2.4.1', proto: '1' },
    });
    expect(parseUnitLine('aB3 OK')).toEqual({ kind: 'ok', tag: 'aB3', fields: {} });
    expect(parseUnitLine('6 ERR 404 unknown command BLINK')).toEqual({ kind: 'error', tag: '6', code: 404, text: 'unknown command BLINK' });
    expect(parseUnitLine('! SHARING state=1 clients=1')).toEqual({ kind: 'event', name: 'SHARING', fields: { state: '1', clients: '1' } });
    expect(parseUnitLine('2 OK power=standby sharing=0 clients=0 people=unknown led=OFF/SOLID')).toMatchObject({ fields: { led: 'OFF/SOLID', people: 'unknown' } });
  });

  it.each([
    ['', 'too few tokens'],
    ['OK', 'too few tokens'],
    ['12345 OK', 'bad tag'],
    ['zz OK', 'bad tag'],
    ['1 MAYBE', 'neither OK nor ERR'],
    ['1 ERR four oh four', 'bad error code'],
    ['1 OK power', 'bad reply field'],
    ['! boot fw=1', 'bad event name'],
    ['1 OK x=caf\u00e9', 'bytes outside printable ASCII'],
    ['1  OK', 'neither OK nor ERR'],
  ])('calls %j noise (%s)', (line, reason) => {
    expect(parseUnitLine(line)).toEqual({ kind: 'noise', line, reason });
  });

  it('never throws on random bytes', () => {
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(Math.random() * 40);
      const line = String.fromCharCode(...Array.from({ length }, () => Math.floor(Math.random() * 256)));
      expect(() => parseUnitLine(line)).not.toThrow();
    }
  });
});

describe('BUCP/1 requests from the host', () => {
  it('formats every command', () => {
    expect(formatRequest('1', { name: 'HELLO' })).toBe('1 HELLO proto=1');
    expect(formatRequest('a', { name: 'PING' })).toBe('a PING');
    expect(formatRequest('3', { name: 'POWER', state: 'ON' })).toBe('3 POWER ON');
    expect(formatRequest('4', { name: 'LED', color: 'RED', mode: 'SOLID' })).toBe('4 LED RED SOLID');
    expect(formatRequest('5', { name: 'TEXT', text: 'Meeting ends in 5 min' })).toBe('5 TEXT TWVldGluZyBlbmRzIGluIDUgbWlu');
    expect(formatRequest('6', { name: 'TEXT', text: '' })).toBe('6 TEXT');
    expect(formatRequest('7', { name: 'CLOCK', unixSeconds: 1795257467.9 })).toBe('7 CLOCK 1795257467');
  });

  it('carries UTF-8 banners up to 120 bytes and refuses longer ones', () => {
    expect(formatRequest('1', { name: 'TEXT', text: 'Réunion: fin dans 5 min' })).toBe(`1 TEXT ${Buffer.from('Réunion: fin dans 5 min').toString('base64url')}`);
    expect(() => formatRequest('1', { name: 'TEXT', text: '会'.repeat(41) })).toThrow(/123 bytes/);
    expect(formatRequest('1', { name: 'TEXT', text: 'x'.repeat(120) }).length).toBeLessThan(200);
  });
});
