import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminConfig, AdminStatus, LinkResult } from '../../shared/admin-api.ts';
import { startGraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';
import { adminRequest, documented, microsoftAdminToken, pairingDisplay, type PairingDisplay } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

const HARBOUR = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const LOFT = { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example', unlinked: true };

const bridges: M365Bridge[] = [];
const displays: PairingDisplay[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const display of displays.splice(0)) display.socket.disconnect();
  for (const bridge of bridges.splice(0)) await bridge.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock('2026-11-23T09:00:00Z'), rooms: [HARBOUR, LOFT] });
  bridges.push(m365);
  await m365.settle();
  return m365;
}

async function display(m365: M365Bridge): Promise<PairingDisplay> {
  const shown = await pairingDisplay(m365.bridge.url);
  displays.push(shown);
  return shown;
}

const status = async (m365: M365Bridge) => documented(AdminStatus, (await adminRequest(m365.bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body);

describe('admin API security', () => {
  it('refuses a missing, expired, foreign, forged or wrong-audience token, or a user who is not a Lintel admin, with 401, and changes nothing', async () => {
    const m365 = await start();
    const unpaired = await display(m365);
    const { code } = await unpaired.code();
    const good = await microsoftAdminToken(m365);

    const [header, payload, signature] = good.split('.') as [string, string, string];
    const forgedSignature = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherTenantClaims = `${header}.${Buffer.from(JSON.stringify({ ...claims, tid: 'another-tenant' })).toString('base64url')}.${signature}`;

    const elsewhere = new EmulatedTenant(undefined, () => m365.clock.now());
    const elsewhereApp = elsewhere.addApp({ secret: 'other~secret' });
    const elsewhereEmulator = await startGraphEmulator(elsewhere, () => m365.clock.now());
    cleanups.push(() => elsewhereEmulator.close());
    const foreign = await microsoftAdminToken({ tenant: elsewhere, app: elsewhereApp, emulator: elsewhereEmulator });

    const graphToken = await microsoftAdminToken(m365, { scope: `openid profile ${m365.emulator.url}/Place.Read.All` });
    const notAnAdmin = await microsoftAdminToken(m365, { upn: 'alex@contoso.example', appRoles: [] });

    const refused: Record<string, string | undefined> = {
      'no token': undefined,
      'a made-up token': 'not-a-token',
      'a forged signature': forgedSignature,
      'claims changed after signing': otherTenantClaims,
      'a token of another tenant': foreign,
      'a Graph token, not one for the bridge': graphToken,
      'a user of the tenant without the Lintel admin role': notAnAdmin,
    };
    for (const [what, token] of Object.entries(refused)) {
      for (const [method, path, body] of [
        ['GET', '/status', undefined],
        ['POST', '/links', { code, room: { roomId: LOFT.id } }],
        ['POST', '/revoke', undefined],
      ] as const) {
        const answer = await adminRequest(m365.bridge.url, method, path, { ...(token === undefined ? {} : { token }), ...(body ? { body } : {}) });
        expect({ what, path, status: answer.status, code: (answer.body as { code: string }).code }).toEqual({ what, path, status: 401, code: 'unauthorized' });
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      }
    }

    // Signed in, but not an admin: told which role to assign, and where.
    const roleless = await adminRequest(m365.bridge.url, 'GET', '/status', { token: notAnAdmin });
    expect((roleless.body as { message: string }).message).toMatch(/alex@contoso.example is signed in but is not a Lintel admin.*Users and groups.*"Lintel.Admin"/);

    // Nothing changed so far: the display still shows the same code, unused.
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
    expect((await unpaired.code()).code).toBe(code);

    m365.clock.advance(61 * 60_000);
    const fresh = (await unpaired.code()).code;
    const expired = await adminRequest(m365.bridge.url, 'POST', '/links', { token: good, body: { code: fresh, room: { roomId: LOFT.id } } });
    expect(expired.status).toBe(401);
    expect((expired.body as { message: string }).message).toMatch(/expired/);
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
    const after = await status(m365);
    expect(after.connection.state).toBe('connected');
    expect(after.audit).toEqual([]);
    expect(after.rooms.find((room) => room.id === HARBOUR.id)?.microsoft365?.mailbox).toBe(HARBOUR.mailbox);
  });

  it('accepts the local admin token and a Microsoft sign-in of the tenant, and names who acted', async () => {
    const m365 = await start();
    expect((await status(m365)).you).toEqual({ name: 'local admin token', via: 'local-token' });
    const token = await microsoftAdminToken(m365);
    const answer = await adminRequest(m365.bridge.url, 'GET', '/status', { token });
    expect(answer.status).toBe(200);
    expect((answer.body as AdminStatus).you).toEqual({ name: 'megan@contoso.example', via: 'microsoft' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    // Nothing secret reaches the browser: no credential, no token.
    expect(JSON.stringify(answer.body)).not.toContain('initial~secret~value');
  });

  it("accepts a v1.0 token too, as Entra issues while the app's manifest keeps its default token version", async () => {
    const m365 = await start();
    m365.app.accessTokenAcceptedVersion = 1;
    const token = await microsoftAdminToken(m365);
    expect(decodeJwt(token)).toMatchObject({ ver: '1.0', iss: `https://sts.windows.net/${m365.tenant.tenantId}/` });
    const answer = await adminRequest(m365.bridge.url, 'GET', '/status', { token });
    expect(answer.status).toBe(200);
    expect((answer.body as AdminStatus).you).toEqual({ name: 'megan@contoso.example', via: 'microsoft' });
  });

  it('tells the page how to sign in without any secret', async () => {
    const m365 = await start();
    const answer = await adminRequest(m365.bridge.url, 'GET', '/config');
    expect(documented(AdminConfig, answer.body)).toEqual({
      microsoft365: {
        tenantId: m365.tenant.tenantId,
        clientId: m365.app.appId,
        authority: `${m365.emulator.url}/${m365.tenant.tenantId}`,
        knownAuthority: new URL(m365.emulator.url).host,
        graphUrl: m365.emulator.url,
        apiScope: `api://${m365.app.appId}/access_as_user`,
      },
    });
  });
});

describe('pairing a display by its code', () => {
  it('links the display showing the code; the display is told at once; the code is single-use', async () => {
    const m365 = await start();
    const unpaired = await display(m365);
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
    const shown = await unpaired.code();
    expect(shown.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    expect(shown.expiresAt).toBe('2026-11-23T09:10:00.000Z');
    expect(shown.adminUrl).toBe(`http://lintel.test:8080/admin/?code=${shown.code}`);

    const assigned = unpaired.nextAssignment();
    const typed = `${shown.code.slice(0, 4).toLowerCase()}-${shown.code.slice(4)}`;
    const linked = await adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code: typed, room: { roomId: LOFT.id } } });
    expect(linked.status).toBe(200);
    expect(documented(LinkResult, linked.body).display).toMatchObject({ id: unpaired.displayId, roomId: LOFT.id, linkedBy: 'local admin token', online: true });
    expect(await assigned).toBe(LOFT.id);
    expect(await unpaired.watch()).toMatchObject({ ok: true, data: { room: { id: LOFT.id, name: 'Loft' } } });

    const again = await adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code: shown.code, room: { roomId: HARBOUR.id } } });
    expect(again).toMatchObject({ status: 409, body: { code: 'pairing-code-used' } });
    expect(await unpaired.watch()).toMatchObject({ ok: true, data: { room: { id: LOFT.id } } });
    expect((await status(m365)).audit).toEqual([expect.objectContaining({ actor: 'local admin token', event: { action: 'link', display: expect.any(String), room: 'Loft', mailbox: null } })]);
  });

  it('refuses a wrong, a malformed and an expired code, each with its reason', async () => {
    const m365 = await start();
    const unpaired = await display(m365);
    const { code } = await unpaired.code();
    const link = (typed: string) => adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code: typed, room: { roomId: LOFT.id } } });

    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect(await link(wrong)).toMatchObject({ status: 404, body: { code: 'pairing-code-invalid' } });
    expect(await link('IO01-LLUV')).toMatchObject({ status: 404, body: { code: 'pairing-code-invalid', message: expect.stringContaining('8 letters and digits') } });
    expect(await adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: 'No Such Room!' } } })).toMatchObject({ status: 400, body: { code: 'invalid-input' } });

    m365.clock.advance(10 * 60_000);
    expect(await link(code)).toMatchObject({ status: 410, body: { code: 'pairing-code-expired' } });
    const fresh = await unpaired.code();
    expect(fresh.code).not.toBe(code);
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
  });

  it('makes a guesser wait after 10 wrong codes: the 20 rapid guesses after are refused, even a right one', async () => {
    const m365 = await start();
    const unpaired = await display(m365);
    const { code } = await unpaired.code();
    const token = await microsoftAdminToken(m365);
    const guesses = Array.from({ length: 20 }, (_, n) => `ZZZZ${String(2222 + n).padStart(4, '2').replace(/[01]/g, '2')}`);
    const answers = [];
    for (const guess of guesses) answers.push(await adminRequest(m365.bridge.url, 'POST', '/links', { token, body: { code: guess, room: { roomId: LOFT.id } } }));
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(10).fill(404), ...Array<number>(10).fill(429)]);
    expect(answers[19]!.body).toMatchObject({ code: 'too-many-attempts' });
    expect(Number(answers[19]!.headers.get('retry-after'))).toBeGreaterThan(500);

    const right = await adminRequest(m365.bridge.url, 'POST', '/links', { token, body: { code, room: { roomId: LOFT.id } } });
    expect(right.status).toBe(429);
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });

    // Another admin (here the local token) is not held up by the first one's guessing.
    const other = await adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: LOFT.id } } });
    expect(other.status).toBe(200);
  });

  it('links a display to a Microsoft 365 room: the bridge makes its room, linked to the mailbox, and syncs it', async () => {
    const m365 = await start();
    m365.tenant.addRoom({ displayName: 'Amsterdam 4.12', emailAddress: 'ams-4.12@contoso.example', capacity: 8 });
    m365.tenant.addMailbox({ displayName: 'Adele Vance', emailAddress: 'adele@contoso.example' });
    m365.tenant.scheduleMeeting('adele@contoso.example', {
      subject: 'Quarterly review',
      start: '2026-11-23T10:00:00Z',
      end: '2026-11-23T11:00:00Z',
      rooms: ['ams-4.12@contoso.example'],
    });
    const first = await display(m365);
    const second = await display(m365);
    const token = await microsoftAdminToken(m365);
    const room = { microsoft365: { mailbox: 'ams-4.12@contoso.example', name: 'Amsterdam 4.12', capacity: 8, location: { building: 'Amsterdam', floor: 4 } } };

    const linked = await adminRequest(m365.bridge.url, 'POST', '/links', { token, body: { code: (await first.code()).code, room } });
    expect(linked.status).toBe(200);
    expect((linked.body as LinkResult).room).toMatchObject({ id: 'ams-4-12', name: 'Amsterdam 4.12', capacity: 8, microsoft365: { mailbox: 'ams-4.12@contoso.example' } });
    await m365.settle();
    const state = await first.watch();
    expect(state).toMatchObject({ ok: true, data: { room: { id: 'ams-4-12', location: { building: 'Amsterdam', floor: 4 } }, events: [expect.objectContaining({ subject: 'Quarterly review' })] } });

    await adminRequest(m365.bridge.url, 'POST', '/links', { token, body: { code: (await second.code()).code, room } });
    expect(await second.watch()).toMatchObject({ ok: true, data: { room: { id: 'ams-4-12' } } });
    const after = await status(m365);
    expect(after.rooms.filter((each) => each.microsoft365?.mailbox === 'ams-4.12@contoso.example')).toEqual([expect.objectContaining({ displays: 2 })]);
    expect(after.audit.map((entry) => `${entry.actor} ${entry.event.action}`)).toEqual(['megan@contoso.example link', 'megan@contoso.example link']);
  });

  it('unlinks a display back to pairing, even on a bridge whose only room it showed', async () => {
    const m365 = await start();
    const unpaired = await display(m365);
    const first = await unpaired.code();
    await adminRequest(m365.bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code: first.code, room: { roomId: HARBOUR.id } } });
    expect(await unpaired.watch()).toMatchObject({ ok: true, data: { room: { id: HARBOUR.id } } });
    const unassigned = unpaired.nextAssignment();
    const closed = unpaired.closedByBridge();
    const unlinked = await adminRequest(m365.bridge.url, 'DELETE', `/displays/${unpaired.displayId}`, { token: TEST_ADMIN_TOKEN });
    expect(unlinked).toMatchObject({ status: 200, body: { id: unpaired.displayId, roomId: null, credentialIssuedAt: null } });
    expect(await unassigned).toBeNull();
    await closed;
    await unpaired.reconnect();
    // Its credential was revoked: it pairs again.
    expect(await unpaired.watch()).toMatchObject({ ok: false, code: 'display-unpaired' });
    expect((await unpaired.code()).code).not.toBe(first.code);
    expect(await adminRequest(m365.bridge.url, 'DELETE', `/displays/${unpaired.displayId}`, { token: TEST_ADMIN_TOKEN })).toMatchObject({ status: 404 });
    expect((await status(m365)).audit.map((entry) => entry.event.action)).toEqual(['unlink', 'link']);
  });
});
