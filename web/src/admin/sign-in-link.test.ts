import { describe, expect, it } from 'vitest';
import { readSignInCode, signInLinkRefusal, withoutSignInCode } from './sign-in-link.ts';

describe('the one-time sign-in link', () => {
  it('is read from the fragment only', () => {
    expect(readSignInCode('#signin=abc-DEF_123')).toBe('abc-DEF_123');
    expect(readSignInCode('#signin=')).toBeNull();
    expect(readSignInCode('#other')).toBeNull();
    expect(readSignInCode('')).toBeNull();
  });

  it('leaves the address at once, anything else staying', () => {
    expect(withoutSignInCode('/admin/?code=ABCD2345#signin=abc')).toBe('/admin/?code=ABCD2345');
    expect(withoutSignInCode('http://lintel.test/admin/#signin=abc')).toBe('/admin/');
    expect(withoutSignInCode('/admin/#rooms')).toBe('/admin/#rooms');
  });

  it("says why the bridge refused it", () => {
    expect([signInLinkRefusal('expired'), signInLinkRefusal('not-allowed'), signInLinkRefusal('unauthorized'), signInLinkRefusal('unreachable')]).toEqual(['expired', 'used', 'unknown', 'unknown']);
  });
});
