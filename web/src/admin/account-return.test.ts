import { describe, expect, it } from 'vitest';
import { withoutConsentReturn } from './admin-consent.ts';
import { readAccountReturn, withoutAccountReturn } from './account-return.ts';

describe("the Microsoft account's sign-in answer", () => {
  it('reads a connected account', () => {
    expect(readAccountReturn('?account=connected', true)).toEqual({ outcome: 'connected' });
  });

  it("reads a failure with Microsoft's description", () => {
    const search = '?account=failed&error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.';
    expect(readAccountReturn(search, true)).toEqual({ outcome: 'failed', error: 'access_denied', description: 'AADSTS65004: User declined to consent.' });
  });

  it('shows none of an answer this tab did not ask for', () => {
    expect(readAccountReturn('?account=failed&error=x&error_description=Call+555-0100+now', false)).toEqual({ outcome: 'unrequested' });
  });

  it('is no answer when the query has none', () => {
    expect(readAccountReturn('?code=ABCDEF23', true)).toBeNull();
    expect(readAccountReturn('', false)).toBeNull();
  });

  it('cleans the answer out of the address and keeps the rest, after the consent answer too', () => {
    expect(withoutAccountReturn('http://bridge:8080/admin/?code=ABCDEF23&account=connected')).toBe('/admin/?code=ABCDEF23');
    const failed = 'http://bridge:8080/admin/?account=failed&error=access_denied&error_description=no#top';
    expect(withoutAccountReturn(withoutConsentReturn(failed))).toBe('/admin/#top');
  });
});
