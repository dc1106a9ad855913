import { describe, expect, it } from 'vitest';
import { qrPath } from './qr.ts';

describe('QR code', () => {
  it('draws one square per dark module of the code for the URL', () => {
    const code = qrPath('http://192.168.1.20:8080/rooms/harbour');
    // Version 3 (29 modules) plus a 2-module quiet zone on each side.
    expect(code.size).toBe(33);
    const squares = code.path.match(/M\d+ \d+h1v1h-1z/g) ?? [];
    expect(squares.length).toBeGreaterThan(200);
    expect(squares.join('')).toBe(code.path);
    expect(code.path).toContain('M2 2h1v1h-1z');
    expect(qrPath('http://192.168.1.20:8080/rooms/loft').path).not.toBe(code.path);
  });
});
