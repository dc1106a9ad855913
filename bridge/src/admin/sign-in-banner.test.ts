import { describe, expect, it } from 'vitest';
import { signInBanner } from './sign-in-banner.ts';

const LINK = 'http://10.0.0.5:8080/admin/#signin=abcdefghijklmnopqrstuvwxyz012345';

describe('the sign-in banner', () => {
  it('gives the link, and at a terminal its QR code in half blocks', () => {
    const atTerminal = signInBanner(LINK, true);
    expect(atTerminal).toContain(`once, within 10 minutes: ${LINK}`);
    const qr = atTerminal.split('\n').filter((line) => /^[█▀▄ ]+$/.test(line));
    // Two modules a line, every line as wide, and the quiet zone light all along the top.
    expect(qr.length).toBeGreaterThanOrEqual(Math.ceil(qr[0]!.length / 2));
    expect(new Set(qr.map((line) => line.length)).size).toBe(1);
    expect(qr[0]).toMatch(/^█+$/);
  });

  it('gives only the link to a service log or a pipe', () => {
    const logged = signInBanner(LINK, false);
    expect(logged).toContain(LINK);
    expect(logged).not.toMatch(/[█▀▄]/);
  });
});
