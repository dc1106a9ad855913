import { describe, expect, it } from 'vitest';
import { checkPairingCode, codeFromAddress, forgetPendingCode, pendingCode } from './pairing-input.ts';

describe('pairing code input', () => {
  it('takes any case, spaces and dashes', () => {
    expect(checkPairingCode('abcd-ef23')).toEqual({ ok: true, code: 'ABCDEF23' });
    expect(checkPairingCode('  AB CD EF 23 ')).toEqual({ ok: true, code: 'ABCDEF23' });
    expect(checkPairingCode('ABCDEF23')).toEqual({ ok: true, code: 'ABCDEF23' });
  });

  it('says what is wrong with a code that cannot be one', () => {
    expect(checkPairingCode('  - ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkPairingCode('ABCD-EF2')).toEqual({ ok: false, problem: 'length', length: 7 });
    expect(checkPairingCode('ABCD-EF234')).toEqual({ ok: false, problem: 'length', length: 9 });
    expect(checkPairingCode('ABCD-0F1O')).toEqual({ ok: false, problem: 'characters', characters: ['0', '1', 'O'] });
  });

  it("reads the code the display's QR code put in the address", () => {
    expect(codeFromAddress('?code=ABCDEF23')).toBe('ABCDEF23');
    expect(codeFromAddress('?code=%20abcd-ef23%20&lang=de')).toBe('abcd-ef23');
    expect(codeFromAddress('?lang=de')).toBe('');
  });
});

describe('pending pairing code', () => {
  function memory() {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
  }

  it('outlives the round trips through consent and sign-in, until it is used', () => {
    const storage = memory();
    expect(pendingCode('?code=ABCD-EF23', storage)).toBe('ABCD-EF23');
    // Back from Microsoft on plain /admin/.
    expect(pendingCode('', storage)).toBe('ABCD-EF23');
    // A newer QR code wins.
    expect(pendingCode('?code=WXYZ-2345', storage)).toBe('WXYZ-2345');
    forgetPendingCode(storage);
    expect(pendingCode('', storage)).toBe('');
  });
});
