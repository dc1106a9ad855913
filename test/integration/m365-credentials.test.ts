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
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: m365.app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }).toString(),
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

  it('warns, a week ahead, when the app may not renew its own credential', async () => {
    const m365 = await start({ secretEndDateTime: '2026-11-28T00:00:00Z', roles: ['Calendars.ReadWrite', 'Place.Read.All'] });
    const warnings = m365.integration.status().warnings;
    expect(warnings.map((w) => w.code)).toEqual(['credential-renewal-failed']);
    expect(warnings[0]!.fix).toContain('Application.ReadWrite.OwnedBy');
    expect(ends(m365)).toEqual(['2026-11-28']);
  });
});
