import { describe, expect, it } from 'vitest';
import { adminConsentUrl, readConsentReturn, withoutConsentReturn } from './admin-consent.ts';

describe('admin consent', () => {
  it('sends the admin to the v2.0 consent page of the tenant with every permission of the app', () => {
    const url = new URL(
      adminConsentUrl({ authority: 'https://127.0.0.1:8443/tenant-1/', clientId: 'app-1', graphUrl: 'https://graph.microsoft.com', redirectUri: 'http://bridge:8080/admin/', state: 's-1' }),
    );
    expect(url.origin + url.pathname).toBe('https://127.0.0.1:8443/tenant-1/v2.0/adminconsent');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-1',
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: 'http://bridge:8080/admin/',
      state: 's-1',
    });
  });

  it("asks consent for the permissions on the Graph of the bridge's cloud", () => {
    const url = new URL(
      adminConsentUrl({ authority: 'https://login.microsoftonline.us/tenant-1', clientId: 'app-1', graphUrl: 'https://graph.microsoft.us', redirectUri: 'http://bridge:8080/admin/', state: 's-1' }),
    );
    expect(url.searchParams.get('scope')).toBe('https://graph.microsoft.us/.default');
  });

  it('reads a granted consent', () => {
    expect(readConsentReturn('?admin_consent=True&tenant=t-1&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&state=s-1', 's-1')).toEqual({ outcome: 'granted', tenant: 't-1' });
  });

  it('reads a refusal with its description', () => {
    const search = '?admin_consent=True&error=access_denied&error_description=AADSTS65004%3A+User+declined&error_subcode=cancel&state=s-1';
    expect(readConsentReturn(search, 's-1')).toEqual({ outcome: 'refused', error: 'access_denied', description: 'AADSTS65004: User declined' });
  });

  it('trusts no answer whose state this page did not make', () => {
    expect(readConsentReturn('?admin_consent=True&tenant=t-1&state=forged', 's-1')).toEqual({ outcome: 'state-mismatch' });
    expect(readConsentReturn('?admin_consent=True&tenant=t-1&state=s-1', null)).toEqual({ outcome: 'state-mismatch' });
  });

  it('is no consent answer when the query has none', () => {
    expect(readConsentReturn('?code=ABCDEF23', 's-1')).toBeNull();
    expect(readConsentReturn('', null)).toBeNull();
  });

  it("leaves the Microsoft account's sign-in answer alone, though it carries an error too", () => {
    expect(readConsentReturn('?account=failed&error=access_denied&error_description=AADSTS65004', 's-1')).toBeNull();
  });

  it('cleans the answer out of the address and keeps the rest', () => {
    expect(withoutConsentReturn('http://bridge:8080/admin/?code=ABCDEF23&admin_consent=True&tenant=t&scope=x&state=s')).toBe('/admin/?code=ABCDEF23');
    expect(withoutConsentReturn('http://bridge:8080/admin/?error=access_denied&error_description=no&state=s')).toBe('/admin/');
  });
});
