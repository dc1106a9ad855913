import { describe, expect, it } from 'vitest';
import { drawQr } from './qr-drawing.ts';
import { qrPath } from './qr.ts';

describe('drawing QR codes', () => {
  it('draws each URL once while it is among the latest, on this thread where there is no worker (as in Node)', async () => {
    const url = 'http://192.168.1.20:8080/rooms/harbour';
    const first = drawQr(url);
    expect(drawQr(url)).toBe(first);
    expect(await first).toEqual(qrPath(url));
    for (const room of ['loft', 'dock', 'atrium', 'studio']) void drawQr(`http://192.168.1.20:8080/rooms/${room}`);
    expect(drawQr(url)).not.toBe(first);
  });
});
