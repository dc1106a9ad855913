import { afterEach, describe, expect, it } from 'vitest';
import { AdminRoom, AdminStatus, ExportProgress } from '../../shared/admin-api.ts';
import { createHttpsFetch } from '../../bridge/src/calendars/microsoft-365/https-fetch.ts';
import { createMicrosoft365 } from '../../bridge/src/calendars/microsoft-365/microsoft-365.ts';
import { signInClient } from '../graph-emulator/sign-in-test-client.ts';
import { adminRequest, documented, microsoftAdminToken } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { SECRET, startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';
import pino from 'pino';

const HARBOUR = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const LOFT = { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example', unlinked: true };

const bridges: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.close();
});

async function start(): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock('2026-11-23T09:00:00Z'), rooms: [HARBOUR, LOFT] });
  bridges.push(m365);
  await m365.settle();
  return m365;
}

const call = async <T>(m365: M365Bridge, method: string, path: string, body?: unknown) => {
  const answer = await adminRequest(m365.bridge.url, method, path, { token: TEST_ADMIN_TOKEN, ...(body === undefined ? {} : { body }) });
  return { status: answer.status, body: answer.body as T };
};
const status = async (m365: M365Bridge) => documented(AdminStatus, (await call(m365, 'GET', '/status')).body);
const check = async (m365: M365Bridge) => documented(AdminStatus, (await call(m365, 'POST', '/check')).body);

describe('connection state and warnings on the admin page', () => {
  it('is consent pending until the admin consents, then connected after Check status', async () => {
    const m365 = await start();
    expect((await status(m365)).connection).toEqual({ state: 'connected' });

    m365.app.adminConsented = false;
    const pending = await check(m365);
    expect(pending.connection).toMatchObject({ state: 'consent-pending', reason: 'consent-withdrawn', detail: expect.stringContaining('no roles claim') });
    expect(pending.warnings.map((warning) => warning.code)).toEqual(['consent-withdrawn']);

    // The admin page sends the admin to Microsoft's admin consent page, which comes back granted.
    await microsoftAdminToken(m365);
    const consent = await signInClient(m365).browse(`/${m365.tenant.tenantId}/v2.0/adminconsent`, {
      client_id: m365.app.appId,
      scope: `${m365.emulator.url}/.default`,
      redirect_uri: 'https://lintel.contoso.example/admin/',
      state: 'consent-1',
    });
    expect(consent.answer).toMatchObject({ admin_consent: 'True', state: 'consent-1' });
    const connected = await check(m365);
    expect(connected.connection).toEqual({ state: 'connected' });
    expect(connected.warnings).toEqual([]);
  });

  it('shows a broken connection with its reason and fix while the service principal is disabled, and clears it', async () => {
    const m365 = await start();
    m365.app.servicePrincipal = 'disabled';
    const broken = await check(m365);
    expect(broken.connection).toMatchObject({ state: 'broken', reason: 'service-principal-disabled', detail: expect.stringContaining('AADSTS7000112') });
    expect(broken.warnings).toEqual([expect.objectContaining({ code: 'service-principal-disabled', message: expect.stringContaining('AADSTS7000112') })]);

    m365.app.servicePrincipal = 'enabled';
    expect((await check(m365)).connection).toEqual({ state: 'connected' });
  });

  it('lists a room whose calendar cannot be read, per room, while the connection stays up', async () => {
    const m365 = await start();
    m365.tenant.room(HARBOUR.mailbox)!.unreachable = 'access-denied';
    const unreachable = await check(m365);
    expect(unreachable.connection).toEqual({ state: 'connected' });
    expect(unreachable.warnings).toEqual([expect.objectContaining({ code: 'room-access-policy', roomId: HARBOUR.id, message: expect.stringContaining('ErrorAccessDenied') })]);
    m365.tenant.room(HARBOUR.mailbox)!.unreachable = undefined;
    expect((await check(m365)).warnings).toEqual([]);
  });
});

describe('credentials', () => {
  it('shows the expiry and renews on demand for another 6 months, in the audit log', async () => {
    const m365 = await start();
    const before = await status(m365);
    expect(before.credential).toMatchObject({ kind: 'secret', expiresAt: '2027-06-01T00:00:00.000Z' });
    const renewed = await call<AdminStatus>(m365, 'POST', '/credentials/renew');
    expect(renewed.status).toBe(200);
    expect(renewed.body.credential?.expiresAt?.slice(0, 10)).toBe('2027-05-24');
    expect(renewed.body.audit[0]).toMatchObject({ actor: 'local admin token', event: { action: 'renew', outcome: { ok: true, expiresAt: expect.stringMatching(/^2027-05-24/) } } });
  });
});

describe('Remove and Revoke: rooms fall back to local bookings, nothing lost', () => {
  async function withMeetings(m365: M365Bridge) {
    m365.tenant.addMailbox({ displayName: 'Adele Vance', emailAddress: 'adele@contoso.example' });
    m365.tenant.scheduleMeeting('adele@contoso.example', { subject: 'Design review', start: '2026-11-23T13:00:00Z', end: '2026-11-23T14:00:00Z', rooms: [HARBOUR.mailbox] });
    await m365.advance(15_000);
    m365.act(HARBOUR.id, { type: 'book-now', minutes: 30 });
    await m365.settle();
    return m365.state(HARBOUR.id).events.map((event) => event.subject).sort();
  }

  it('Remove: the room keeps every meeting, takes walk-up bookings locally, and its calendar is no longer touched', async () => {
    const m365 = await start();
    const subjects = await withMeetings(m365);
    expect(subjects).toHaveLength(2);

    const removed = await call<AdminRoom>(m365, 'DELETE', `/rooms/${HARBOUR.id}/microsoft-365`);
    expect(removed).toMatchObject({ status: 200, body: { id: HARBOUR.id, microsoft365: null } });
    documented(AdminRoom, removed.body);
    expect(m365.state(HARBOUR.id).events.map((event) => event.subject).sort()).toEqual(subjects);
    expect(m365.state(HARBOUR.id).syncedAt).toBeNull();

    const requests = m365.tenant.requestCount(HARBOUR.mailbox);
    m365.act(HARBOUR.id, { type: 'extend', minutes: 15 });
    await m365.advance(60_000);
    expect(m365.tenant.requestCount(HARBOUR.mailbox)).toBe(requests);
    expect((await status(m365)).audit[0]).toMatchObject({ event: { action: 'remove', room: 'Harbour', mailbox: HARBOUR.mailbox } });
    expect(await call(m365, 'DELETE', `/rooms/${HARBOUR.id}/microsoft-365`)).toMatchObject({ status: 409, body: { code: 'not-allowed' } });
  });

  it('Revoke: every room on local bookings, credential and sync state deleted, Microsoft 365 left alone, also after a restart', async () => {
    const m365 = await start();
    const subjects = await withMeetings(m365);
    const token = await microsoftAdminToken(m365);

    const revoked = await adminRequest(m365.bridge.url, 'POST', '/revoke', { token });
    expect(revoked.status).toBe(200);
    const after = revoked.body as AdminStatus;
    expect(after.connection).toMatchObject({ state: 'not-connected', reason: 'revoked', by: 'megan@contoso.example' });
    expect(after.credential).toBeNull();
    expect(after.rooms.every((room) => room.microsoft365 === null)).toBe(true);
    expect(after.audit[0]).toMatchObject({ actor: 'megan@contoso.example', event: { action: 'revoke' } });
    expect(m365.state(HARBOUR.id).events.map((event) => event.subject).sort()).toEqual(subjects);

    const db = m365.store.database;
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('m365_credential'), count('remote_sync'), count('remote_outbox')]).toEqual([0, 0, 0]);

    const requests = m365.tenant.requestCount(HARBOUR.mailbox);
    m365.act(HARBOUR.id, { type: 'extend', minutes: 15 });
    await m365.advance(5 * 60_000, 15_000);
    expect(m365.tenant.requestCount(HARBOUR.mailbox)).toBe(requests);
    expect(await call(m365, 'POST', '/credentials/renew')).toMatchObject({ status: 409, body: { code: 'not-connected' } });

    // A restart with the same configured credential stays revoked.
    const restarted = createMicrosoft365(
      { db, store: m365.store, clock: m365.clock, logger: pino({ level: 'silent' }) },
      {
        connection: { tenantId: m365.tenant.tenantId, clientId: m365.app.appId, authorityHost: m365.emulator.url, graphUrl: m365.emulator.url },
        credential: { kind: 'secret', secretText: SECRET, keyId: null, expiresAt: null },
        serviceMailbox: null,
        syncPeriodSeconds: 15,
        timeZone: 'Europe/Amsterdam',
        fetch: createHttpsFetch(m365.emulator.ca),
      },
    );
    expect(restarted.revocation()).toMatchObject({ by: 'megan@contoso.example' });
    expect(count('m365_credential')).toBe(0);
  });
});

describe('linking a local room and exporting its bookings', () => {
  it('offers the future walk-up bookings, exports them with progress, and lists what was refused', async () => {
    const m365 = await start();
    m365.act(LOFT.id, { type: 'book-now', minutes: 30 });
    const linked = await call<AdminRoom>(m365, 'PUT', `/rooms/${LOFT.id}/microsoft-365`, { mailbox: LOFT.mailbox });
    expect(linked).toMatchObject({ status: 200, body: { id: LOFT.id, microsoft365: { mailbox: LOFT.mailbox }, localFutureBookings: 1 } });
    documented(AdminRoom, linked.body);

    const started = await call<ExportProgress>(m365, 'POST', `/rooms/${LOFT.id}/export`);
    expect(started).toMatchObject({ status: 202, body: { state: 'running', total: 1 } });
    await m365.settle();
    const done = await call<ExportProgress>(m365, 'GET', `/rooms/${LOFT.id}/export`);
    expect(documented(ExportProgress, done.body)).toMatchObject({ state: 'done', done: 1, total: 1, exported: 1, refused: [] });
    expect(m365.tenant.eventsOf(LOFT.mailbox)).toHaveLength(1);
    expect((await status(m365)).audit.map((entry) => entry.event)).toEqual([
      { action: 'export', room: 'Loft', outcome: { ok: true, exported: 1, refused: 0 } },
      { action: 'link-room', room: 'Loft', mailbox: LOFT.mailbox },
    ]);

    expect(await call(m365, 'PUT', `/rooms/${LOFT.id}/microsoft-365`, { mailbox: 'not an address' })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    expect(await call(m365, 'POST', '/rooms/nowhere/export')).toMatchObject({ status: 404, body: { code: 'room-not-found' } });
  });
});
