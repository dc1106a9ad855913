import { describe, expect, it } from 'vitest';
import { LineFramer, MAX_LINE_BYTES } from './line-framer.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('BUCP/1 line framing', () => {
  it('ends lines at CR LF and at a bare LF, across chunk boundaries', () => {
    const framer = new LineFramer();
    expect(framer.push(bytes('1 OK\r\n! PEOPLE n=3\n2 O'))).toEqual([
      { kind: 'line', text: '1 OK' },
      { kind: 'line', text: '! PEOPLE n=3' },
    ]);
    expect(framer.push(bytes('K\r'))).toEqual([]);
    expect(framer.push(bytes('\n'))).toEqual([{ kind: 'line', text: '2 OK' }]);
  });

  it('ignores a CR that is not followed by LF', () => {
    expect(new LineFramer().push(bytes('1 O\rK\r\n'))).toEqual([{ kind: 'line', text: '1 OK' }]);
  });

  it('accepts a line of exactly 200 bytes and discards a longer one up to the next LF', () => {
    const framer = new LineFramer();
    const exact = `1 OK x=${'a'.repeat(MAX_LINE_BYTES - 9)}`;
    expect(framer.push(bytes(`${exact}\r\n`))).toEqual([{ kind: 'line', text: exact }]);
    const long = `2 OK x=${'b'.repeat(MAX_LINE_BYTES)}`;
    expect(framer.push(bytes(`${long}\r\n3 OK\r\n`))).toEqual([
      { kind: 'too-long', head: '2 OK x=bbbbbbbbb' },
      { kind: 'line', text: '3 OK' },
    ]);
  });

  it('keeps its memory bounded on an endless line', () => {
    const framer = new LineFramer();
    for (let i = 0; i < 1000; i++) expect(framer.push(new Uint8Array(1000).fill(0x41))).toEqual([]);
    expect(framer.push(bytes('\n1 OK\n'))).toEqual([{ kind: 'too-long', head: 'AAAAAAAAAAAAAAAA' }, { kind: 'line', text: '1 OK' }]);
  });
});

describe('BUCP/1 framing under fuzz', () => {
  it('takes 20 MB of random bytes without holding more than one line', () => {
    const framer = new LineFramer();
    let lines = 0;
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let chunk = 0; chunk < 5000; chunk++) {
      const bytes = new Uint8Array(4096).map(() => (random() < 0.01 ? 0x0a : Math.floor(random() * 256)));
      lines += framer.push(bytes).length;
      expect(framer.pendingBytes).toBeLessThan(MAX_LINE_BYTES);
    }
    expect(lines).toBeGreaterThan(100_000);
  });
});
