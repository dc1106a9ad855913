import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, office, openAdmin, pairingCodeOf, signInWithMicrosoft, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR, openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import type { M365RoomSpec } from '../support/m365-bridge.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const session = useChromium();
// In a zone where it is midday: a meeting an hour ahead is on today's display whenever the test runs.
const HARBOUR: M365RoomSpec = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example', timeZone: zoneAtMidday(Date.now()) };

/** The built script that holds a library's code, found by a name only that code carries. */
const chunkWith = (name: string) =>
  readdirSync(join(BUILT_WEB_DIR, 'assets'))
    .filter((file) => file.endsWith('.js') && readFileSync(join(BUILT_WEB_DIR, 'assets', file), 'utf8').includes(name))
    .map((file) => `/assets/${file}`);

describe('the admin page', () => {
  it('signs in with the local admin token on a bridge without Microsoft 365, downloading neither MSAL nor the Graph client', async () => {
    const bridge = await startTestBridge({ clock: new FakeClock(Date.now()), webDir: BUILT_WEB_DIR });
    session.defer(() => bridge.close());
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    // A local install: the way in is the token, and Microsoft 365, not set up here, is not mentioned.
    const signIn = page.getByRole('region', { name: 'Sign in' });
    await signIn.getByText("Sign in with the bridge's local admin token to link displays to rooms and look after them.").waitFor();
    expect(await signIn.innerText()).not.toContain('Microsoft');
    expect(await signIn.getByRole('button').allInnerTexts()).toEqual(['Use this token']);
    await signInWithToken(page);
    await page.getByRole('region', { name: 'Rooms on this bridge' }).getByRole('row').filter({ hasText: 'Harbour' }).waitFor();

    const downloaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect(downloaded.some((path) => path.startsWith('/assets/admin-page-'))).toBe(true);
    const [msal, graphClient] = [chunkWith('@azure/msal-browser'), chunkWith('GraphClientError')];
    expect([msal.length, graphClient.length]).toEqual([1, 1]);
    expect(downloaded.filter((path) => [...msal, ...graphClient].includes(path))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('signs in with Microsoft, gets consent, discovers 250 rooms paged by $skip alone, and links a display by its code within 2 s', async () => {
    const m365 = await office(session);
    for (let n = 1; n <= 100; n++) m365.tenant.addRoom({ displayName: `Annex ${n}`, emailAddress: `annex-${n}@contoso.example`, capacity: 6, building: 'Utrecht' });
    // Places documents $top and $skip only, and its examples send capacities as strings (place-list.md).
    m365.tenant.placesQuirks = { nextLink: false, capacityAsString: true };
    m365.app.adminConsented = false;
    await m365.integration.check();

    const display = await openDisplayPage(session.browser(), `${m365.bridge.url}/`);
    session.defer(() => display.close());
    await display.page.getByRole('heading', { name: 'Link this display' }).waitFor();
    const code = await pairingCodeOf(display.page);

    // The display's QR code opens the admin page with its code filled in.
    const { page, problems } = await openAdmin(session, `${m365.bridge.url}/admin/?code=${code.replace('-', '')}`);
    // With Microsoft 365 set up, the sign-in offers it first, and the token still works without it.
    const signIn = page.getByRole('region', { name: 'Sign in' });
    await signIn.getByText('Sign in to link displays to rooms and to manage the Microsoft 365 integration.').waitFor();
    await signIn.getByText('The bridge prints this token when it first starts.').waitFor();
    await signIn.getByText('It works without Microsoft 365.').waitFor();
    await signInWithMicrosoft(page);
    await page.getByText('Consent pending').waitFor();

    await page.getByRole('button', { name: 'Grant admin consent' }).click();
    await page.getByText('Admin consent granted').waitFor();
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(m365.app.adminConsented).toBe(true);

    await page.getByRole('button', { name: 'Discover rooms' }).click();
    await page.getByText('Rooms found: 250').waitFor();
    await page.getByLabel('Search rooms').fill('room-117');
    await page.getByText('Rooms found: 1').waitFor();
    await page.getByLabel('Search rooms').fill('Rotterdam');
    await page.getByText('Rooms found: 50').waitFor();
    await page.getByLabel('Search rooms').fill('Room 117');
    await page.getByRole('button', { name: 'Choose Room 117' }).click();

    await expect.poll(() => page.getByLabel('Pairing code').inputValue()).toMatch(/^[2-9A-Z]{4}-?[2-9A-Z]{4}$/);
    await page.getByRole('button', { name: 'Link now' }).click();
    await page.getByText('Linked: the display now shows Room 117.').waitFor();
    await display.page.getByText('Room 117', { exact: true }).first().waitFor({ timeout: 2000 });
    await display.page.getByRole('status', { name: 'Room status' }).waitFor({ timeout: 2000 });

    await page.getByRole('row', { name: new RegExp(`${ADMIN} Linked a display.*now shows Room 117`) }).waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses a wrong, an expired and a reused code with a clear message, and rapid guesses wait as the bridge asks, Link now disabled meanwhile', async () => {
    const m365 = await office(session, [HARBOUR, { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example' }]);
    const display = await openDisplayPage(session.browser(), `${m365.bridge.url}/`);
    session.defer(() => display.close());
    const code = await pairingCodeOf(display.page);

    const { page } = await openAdmin(session, `${m365.bridge.url}/admin/`);
    await signInWithToken(page);
    const codeField = page.getByLabel('Pairing code');
    // Each try names its room: after a link, the next display starts with none chosen.
    const tryCode = async (typed: string) => {
      await page.getByLabel('Room on this bridge', { exact: true }).selectOption({ label: 'Harbour' });
      await codeField.fill(typed);
      await page.getByRole('button', { name: 'Link now' }).click();
    };

    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    await tryCode(wrong);
    await page.getByRole('alert').getByText('That pairing code does not exist.').waitFor();

    await tryCode(code.toLowerCase());
    await page.getByText('Linked: the display now shows Harbour.').waitFor();
    await display.page.getByText('Harbour', { exact: true }).first().waitFor({ timeout: 2000 });

    await tryCode(code);
    await page.getByRole('alert').getByText('That pairing code was already used.').waitFor();

    const second = await openDisplayPage(session.browser(), `${m365.bridge.url}/`);
    session.defer(() => second.close());
    const stale = await pairingCodeOf(second.page);
    m365.clock.advance(10 * 60_000);
    await tryCode(stale);
    await page.getByRole('alert').getByText('That pairing code has expired.').waitFor();

    // Rapid guesses, each answered before the next: once the bridge says to wait, the page stops offering Link now.
    const linkNow = page.getByRole('button', { name: 'Link now' });
    let guesses = 0;
    while (guesses < 20 && (await linkNow.isEnabled())) {
      await tryCode(`ZZZZ-${'23456789ABCDEFGHJKMNPQRSTWXYZ'.slice(guesses, guesses + 4)}`);
      guesses++;
      await linkNow.waitFor();
    }
    await page.getByRole('alert').getByText('Too many attempts. Wait a little and try again.').waitFor();
    await page.getByRole('alert').getByText(/Try again in \d+ s\./).waitFor();
    expect(guesses).toBeLessThan(20);
    expect(await linkNow.isDisabled()).toBe(true);
    const secondsLeft = async () => Number(/Try again in (\d+) s/.exec((await page.getByRole('alert').textContent()) ?? '')?.[1]);
    const first = await secondsLeft();
    await expect.poll(secondsLeft, { timeout: 3000 }).toBeLessThan(first);
    await second.page.getByRole('heading', { name: 'Link this display' }).waitFor();
  });

  it('revokes the integration: every room on local bookings, meetings kept, in the audit log', async () => {
    const m365 = await office(session, [HARBOUR]);
    m365.tenant.addMailbox({ displayName: 'Adele Vance', emailAddress: 'adele@contoso.example' });
    const start = new Date(m365.clock.now() + 60 * 60_000);
    m365.tenant.scheduleMeeting('adele@contoso.example', {
      subject: 'Budget review',
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      rooms: [HARBOUR.mailbox],
    });
    await m365.integration.syncNow(HARBOUR.id);
    const display = await openDisplayPage(session.browser(), `${m365.bridge.url}/rooms/${HARBOUR.id}`);
    session.defer(() => display.close());
    await display.page.getByText('Budget review').first().waitFor();

    const { page } = await openAdmin(session, `${m365.bridge.url}/admin/`);
    await signInWithMicrosoft(page);
    await page.getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Revoke integration' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('Integration revoked: rooms now use local bookings.').waitFor();
    await page.getByText('Not connected').waitFor();
    await page.getByText(new RegExp(`Revoked by ${ADMIN} on .*: every room runs on local bookings\\. To connect again, configure a new credential and restart the bridge\\.`)).waitFor();
    // Consent cannot bring a deleted credential back, so the page does not offer it.
    expect(await page.getByRole('button', { name: 'Connect Microsoft 365' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Rooms on this bridge' }).getByRole('row').filter({ hasText: 'Harbour' }).getByRole('cell', { name: 'Local bookings', exact: true }).waitFor();
    await page.getByRole('row', { name: new RegExp(`${ADMIN} Revoked the integration`) }).waitFor();

    expect(m365.store.getRoom(HARBOUR.id)?.microsoft365).toBeNull();
    await display.page.reload();
    await display.page.getByText('Budget review').first().waitFor();
  });

  it('shows each Microsoft 365 problem with its fix when it happens, and clears it when fixed', async () => {
    const m365 = await office(session, [HARBOUR]);
    const { page } = await openAdmin(session, `${m365.bridge.url}/admin/`, { viewport: { width: 390, height: 844 } });
    await signInWithToken(page);
    await page.getByText('Connected', { exact: true }).waitFor();
    const attention = page.getByRole('region', { name: 'Needs attention' });
    const checkStatus = () => page.getByRole('button', { name: 'Check status' }).click();
    const problems: { name: string; cause: () => void; fix: () => void; shows: RegExp; clock?: number }[] = [
      { name: 'service principal disabled', cause: () => (m365.app.servicePrincipal = 'disabled'), fix: () => (m365.app.servicePrincipal = 'enabled'), shows: /Enabled for users to sign-in/ },
      { name: 'service principal deleted', cause: () => (m365.app.servicePrincipal = 'deleted'), fix: () => (m365.app.servicePrincipal = 'enabled'), shows: /enterprise application was deleted/ },
      { name: 'consent withdrawn', cause: () => (m365.app.adminConsented = false), fix: () => (m365.app.adminConsented = true), shows: /grant consent for the organisation again/ },
      {
        name: 'room outside the access policy',
        cause: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = 'access-denied'),
        fix: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = undefined),
        shows: /to the group of its application access policy/,
      },
      {
        name: 'room mailbox not found',
        cause: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = 'not-found'),
        fix: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = undefined),
        shows: /its address in the room link is right/,
      },
      {
        name: 'room mailbox not in Exchange Online',
        cause: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = 'rest-not-enabled'),
        fix: () => (m365.tenant.room(HARBOUR.mailbox)!.unreachable = undefined),
        shows: /only reaches mailboxes in Exchange Online/,
      },
    ];
    for (const problem of problems) {
      problem.cause();
      await checkStatus();
      await attention.getByText(problem.shows).waitFor();
      problem.fix();
      await checkStatus();
      await page.getByText('Connected', { exact: true }).waitFor();
      await expect.poll(() => attention.getByText(problem.shows).count(), { message: problem.name }).toBe(0);
    }

    // Throttling: the bridge waits as Microsoft asks (on its clock), says so meanwhile, and the warning ends with the wait.
    m365.tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 30, mailbox: HARBOUR.mailbox });
    await checkStatus();
    await m365.advance(31_000);
    await page.getByRole('button', { name: 'Check status' }).waitFor();
    await checkStatus();
    await attention.getByText(/Microsoft 365 is throttling requests/).waitFor();
    await m365.advance(11 * 60_000, 60_000);
    await checkStatus();
    await expect.poll(() => attention.getByText(/throttling/).count()).toBe(0);

    // Subject stripping: seen when the room's own booking comes back with the organizer's name; the command names the room.
    const processing = m365.tenant.room(HARBOUR.mailbox)!.calendarProcessing;
    processing.deleteSubject = processing.addOrganizerToSubject = true;
    m365.act(HARBOUR.id, { type: 'book-now', minutes: 15 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    await checkStatus();
    await attention.getByText("The room's calendar replaces meeting subjects with the organizer's name.").waitFor();
    await attention.getByText(`Set-CalendarProcessing -Identity ${HARBOUR.mailbox} -DeleteSubject $false -AddOrganizerToSubject $false`, { exact: false }).waitFor();
    processing.deleteSubject = processing.addOrganizerToSubject = false;
    m365.act(HARBOUR.id, { type: 'end-now' });
    m365.act(HARBOUR.id, { type: 'book-now', minutes: 15 });
    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    await checkStatus();
    await expect.poll(() => attention.getByText(/replaces meeting subjects/).count()).toBe(0);
  });
});
