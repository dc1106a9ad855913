import { describe, expect, it } from 'vitest';
import { ADMIN_MESSAGES } from '../../web/src/admin/i18n/index.ts';
import { ADMIN, office, openAdmin, pairingCodeOf, roomDetails, signInWithMicrosoft } from '../support/admin-page.ts';
import { openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { SERVICE_MAILBOX, type M365RoomSpec } from '../support/m365-bridge.ts';

const session = useChromium();
const HARBOUR: M365RoomSpec = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const LOFT: M365RoomSpec = { id: 'loft', name: 'Loft', mailbox: 'loft@contoso.example', unlinked: true };

describe('what an admin does on the admin page', () => {
  it('renews credentials, links a local room, exports its bookings (refusals listed, then all through), removes a room and unlinks a display', async () => {
    const m365 = await office(session, [HARBOUR, LOFT]);
    m365.act(LOFT.id, { type: 'book-now', minutes: 30 });
    const { page, problems } = await openAdmin(session, `${m365.bridge.url}/admin/`);
    await signInWithMicrosoft(page);
    await page.getByText('Connected', { exact: true }).waitFor();

    // Renew credentials: a new expiry, six months on, and an audit row saying so.
    const credentials = page.getByRole('region', { name: 'Credentials' });
    const expires = credentials.locator('div', { has: page.getByText('Expires', { exact: true }) }).locator('dd');
    const before = await expires.textContent();
    await credentials.getByRole('button', { name: 'Renew credentials' }).click();
    await credentials.getByText('Credentials renewed.').waitFor();
    const renewedUntil = new Date(m365.clock.now() + 183 * 24 * 60 * 60_000).getFullYear();
    await page.getByRole('row', { name: new RegExp(`${ADMIN} Renewed credentials Renewed: Client secret, valid until .*${renewedUntil}`) }).waitFor();
    await expect.poll(() => expires.textContent()).toContain(String(renewedUntil));
    expect(await expires.textContent()).not.toBe(before);

    // Link the local room Loft to its Microsoft 365 room, chosen from discovery.
    await page.getByRole('button', { name: 'Discover rooms' }).click();
    await page.getByLabel('Search rooms').fill('loft@');
    await page.getByRole('button', { name: 'Choose Loft' }).click();
    const loft = await roomDetails(page, 'Loft');
    await loft.getByRole('button', { name: 'Use the calendar of Loft' }).click();
    await loft.getByText(LOFT.mailbox).waitFor();

    // Its walk-up booking exists only on the bridge: export it. The service mailbox refuses first.
    m365.tenant.mailbox(SERVICE_MAILBOX)!.unreachable = 'access-denied';
    await loft.getByRole('button', { name: 'Export bookings' }).click();
    await loft.getByText("Walk-up bookings from now on that exist only on the bridge: 1. Export them to the room's Microsoft 365 calendar?").waitFor();
    await loft.getByRole('button', { name: 'Export bookings' }).click();
    await loft.getByRole('status').getByText('Export finished: 0 exported.').waitFor();
    expect(await loft.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value')).toBe('1');
    await loft.getByRole('heading', { name: 'Refused by Microsoft 365' }).waitFor();
    await loft.getByRole('listitem').filter({ hasText: 'Walk-up booking' }).getByText(/ErrorAccessDenied/).waitFor();
    expect(m365.tenant.eventsOf(LOFT.mailbox)).toEqual([]);

    delete m365.tenant.mailbox(SERVICE_MAILBOX)!.unreachable;
    await page.reload();
    await page.getByText('Connected', { exact: true }).waitFor();
    const loftAgain = await roomDetails(page, 'Loft');
    await loftAgain.getByRole('button', { name: 'Export bookings' }).click();
    await loftAgain.getByRole('button', { name: 'Export bookings' }).click();
    await loftAgain.getByRole('status').getByText('Export finished: 1 exported.').waitFor();
    expect(m365.tenant.eventsOf(LOFT.mailbox)).toHaveLength(1);
    await page.getByRole('row', { name: /Exported bookings Loft: 1 exported, 0 refused\./ }).waitFor();
    await page.getByRole('row', { name: /Exported bookings Loft: 0 exported, 1 refused\./ }).waitFor();

    // A display linked to Harbour, then Harbour removed from Microsoft 365: the display keeps its room, now on local bookings.
    const display = await openDisplayPage(session.browser(), `${m365.bridge.url}/`);
    session.defer(() => display.close());
    await page.getByLabel('Pairing code').fill(await pairingCodeOf(display.page));
    await page.getByRole('radio', { name: 'A room on this bridge' }).check();
    await page.getByLabel('Room on this bridge', { exact: true }).selectOption({ label: 'Harbour' });
    await page.getByRole('button', { name: 'Link now' }).click();
    await page.getByText('Linked: the display now shows Harbour.').waitFor();
    await display.page.getByText('Harbour', { exact: true }).first().waitFor({ timeout: 2000 });

    const harbour = await roomDetails(page, 'Harbour');
    await harbour.getByRole('button', { name: 'Remove Microsoft 365 from Harbour' }).click();
    await harbour.getByRole('button', { name: 'Yes, remove' }).click();
    await harbour.getByText('Removed: the room now uses local bookings.').waitFor();
    await harbour.getByRole('definition').getByText('Local bookings', { exact: true }).waitFor();
    expect(m365.store.getRoom(HARBOUR.id)?.microsoft365).toBeNull();
    await page.getByRole('row', { name: /Removed a room from Microsoft 365 Harbour no longer uses Microsoft 365/ }).waitFor();

    // Unlink: the display goes back to its pairing code.
    const displays = page.getByRole('region', { name: 'Displays' });
    await displays.getByRole('button', { name: /^Unlink display / }).click();
    await page.getByRole('button', { name: 'Yes, unlink' }).click();
    await page.getByText('Display unlinked.').waitFor();
    await display.page.getByRole('heading', { name: 'Link this display' }).waitFor({ timeout: 2000 });
    await page.getByRole('row', { name: /Unlinked a display Display \w+ no longer shows Harbour\./ }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('the admin page in the admin language', () => {
  it("words the bridge's connection state, warnings with their fixes, and the audit log in German", async () => {
    const de = ADMIN_MESSAGES.de;
    const m365 = await office(session, [HARBOUR, LOFT]);
    const display = await openDisplayPage(session.browser(), `${m365.bridge.url}/`);
    session.defer(() => display.close());
    const code = await pairingCodeOf(display.page);

    const { page, problems } = await openAdmin(session, `${m365.bridge.url}/admin/`, { locale: 'de-DE' });
    await page.getByLabel(de.localTokenLabel).fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: de.useToken }).click();
    await page.getByText(de.connection.connected, { exact: true }).waitFor();

    m365.app.servicePrincipal = 'disabled';
    await page.getByRole('button', { name: de.checkStatus }).click();
    const connection = page.getByRole('region', { name: de.connectionHeading });
    await connection.getByText(de.connection.broken, { exact: true }).waitFor();
    await connection.getByText(de.warningTitles['service-principal-disabled']).waitFor();
    // Microsoft's own words stay as they came, marked as details.
    await connection.getByText(/AADSTS7000112/).waitFor();
    const attention = page.getByRole('region', { name: de.warningsHeading });
    await attention.getByText(de.warningFixes['service-principal-disabled']).waitFor();
    expect(await attention.textContent()).toContain(de.warningTitles['service-principal-disabled']);

    m365.app.servicePrincipal = 'enabled';
    await page.getByRole('button', { name: de.checkStatus }).click();
    await page.getByText(de.connection.connected, { exact: true }).waitFor();
    await page.getByLabel(de.codeLabel).fill(code);
    // No room is chosen for the admin; the picker asks in German too.
    const picker = page.getByLabel(de.bridgeRoomLabel, { exact: true });
    expect(await picker.locator('option:checked').innerText()).toBe(de.chooseARoom);
    await picker.selectOption({ label: 'Harbour' });
    await page.getByRole('button', { name: de.linkNow }).click();
    await page.getByText(de.linked('Harbour')).waitFor();
    const displayId = await display.page.evaluate(() => localStorage.getItem('lintel.displayId'));
    await page.getByRole('cell', { name: de.auditDetails.link(displayId!.slice(0, 8), `Harbour (${HARBOUR.mailbox})`) }).waitFor();
    expect(problems).toEqual([]);
  });
});
