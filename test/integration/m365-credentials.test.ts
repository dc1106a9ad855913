import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { SECRET, startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import { httpsJson } from '../support/https-client.ts';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

async function start(options: Partial<Parameters<typeof startM365Bridge>[0]>): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock('2026-11-23T08:00:00Z'), rooms: [], ...options });
  running.push(m365);
  await m365.settle();
  return m365;
}

/** Whether the tenant's token endpoint takes this secret now. */
async function secretWorks(m365: M365Bridge, secret: string): Promise<boolean> {
  const answer = await httpsJson(`${m365.emulator.url}/${m365.tenant.tenantId}/oauth2/v2.0/token`, {
    ca: m365.emulator.ca,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: m365.app.appId, client_secret: secret, scope: `${m365.emulator.url}/.default` }).toString(),
  });
  return answer.status === 200;
}

const ends = (m365: M365Bridge) => m365.app.passwordCredentials.map((p) => p.endDateTime.slice(0, 10));

describe('Microsoft 365: the credential never silently expires', () => {
  it('renews at the first local midnight within 7 days of expiry, for 6 months, and removes the old secret', async () => {
    const m365 = await start({ secretEndDateTime: '2026-12-01T12:00:00Z' });
    expect(m365.integration.status().credential).toMatchObject({ kind: 'secret', expiresAt: '2026-12-01T12:00:00.000Z' });

    await m365.advance(24 * 3600_000, 3600_000);
    expect(ends(m365)).toEqual(['2026-12-01']);
    await m365.advance(24 * 3600_000, 3600_000);
    // Amsterdam's midnight of 25 November is 2026-11-24T23:00Z: 6.5 days before expiry.
    expect(ends(m365)).toEqual(['2027-05-25']);
    expect(m365.integration.status().credential).toMatchObject({ expiresAt: expect.stringMatching(/^2027-05-25/), lastRenewedAt: '2026-11-24T23:00:00.000Z' });
    expect(await secretWorks(m365, SECRET)).toBe(false);
    expect(m365.integration.status().warnings).toEqual([]);
  });

  it('renews on demand, and the bridge keeps working with the new secret', async () => {
    const m365 = await start({ rooms: [{ id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' }] });
    const renewed = await m365.integration.renewCredentials();
    expect(renewed).toMatchObject({ ok: true, data: { expiresAt: expect.stringMatching(/^2027-05-24/) } });
    expect(m365.app.passwordCredentials).toHaveLength(1);
    expect(await secretWorks(m365, SECRET)).toBe(false);
    expect(await m365.integration.syncNow('harbour')).toBe(true);
  });

  it('signs in with a certificate through a signed client assertion, and never with the secret', async () => {
    const pems = await generate([{ name: 'commonName', value: 'Lintel bridge' }], { keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + 200 * 86_400_000) });
    // MSAL signs its assertion on the real clock, so the tenant's clock is the real one here.
    const m365 = await start({ clock: new FakeClock(Date.now()), certificate: { certificatePem: pems.cert, privateKeyPem: pems.private }, rooms: [{ id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' }] });
    m365.app.passwordCredentials.splice(0);
    expect(await m365.integration.syncNow('harbour')).toBe(true);
    expect(m365.integration.status()).toMatchObject({ credential: { kind: 'certificate' }, warnings: [] });
  });

  it('rolls a certificate to a new one, proving possession of the old, and keeps working with it', { timeout: 30_000 }, async () => {
    const pems = await generate([{ name: 'commonName', value: 'Lintel bridge' }], { keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + 5 * 86_400_000) });
    const m365 = await start({ clock: new FakeClock(Date.now()), certificate: { certificatePem: pems.cert, privateKeyPem: pems.private }, rooms: [{ id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' }] });
    await m365.integration.idle();
    const original = [new X509Certificate(pems.cert).fingerprint.replaceAll(':', '')];
    // It expires within 7 days: the check at start already rolled it.
    expect(m365.app.keyCredentials).toHaveLength(1);
    expect(m365.app.keyCredentials.map((k) => k.customKeyIdentifier)).not.toEqual(original);
    const status = m365.integration.status().credential;
    expect(status?.kind).toBe('certificate');
    expect(Date.parse(status?.expiresAt ?? '') - Date.now()).toBeGreaterThan(180 * 86_400_000);
    m365.app.passwordCredentials.splice(0);
    expect(await m365.integration.syncNow('harbour')).toBe(true);
    expect(m365.integration.status().warnings).toEqual([]);
  });

  it('shows a certificate the tenant does not know as an invalid credential', async () => {
    const pems = await generate([{ name: 'commonName', value: 'Someone else' }], { keySize: 2048, algorithm: 'sha256' });
    const m365 = await start({
      clock: new FakeClock(Date.now()),
      certificate: { certificatePem: pems.cert, privateKeyPem: pems.private, unregistered: true },
      rooms: [{ id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' }],
    });
    expect(await m365.integration.syncNow('harbour')).toBe(false);
    expect(m365.integration.status().warnings.map((w) => w.code)).toEqual(['credential-invalid']);
    expect(m365.integration.status().warnings[0]!.message).toContain('AADSTS700027');
  });

  it('warns, a week ahead, when the app may not renew its own credential', async () => {
    const m365 = await start({ secretEndDateTime: '2026-11-28T00:00:00Z', roles: ['Calendars.ReadWrite', 'Place.Read.All'] });
    const warnings = m365.integration.status().warnings;
    expect(warnings.map((w) => w.code)).toEqual(['credential-renewal-failed']);
    expect(warnings[0]!.message).toContain('Authorization_RequestDenied');
    expect(ends(m365)).toEqual(['2026-11-28']);
  });
});
