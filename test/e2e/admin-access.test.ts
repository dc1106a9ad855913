import { describe, expect, it } from 'vitest';
import { pairingOnAdminPage, roomDetails } from '../support/admin-page.ts';
import { BUILT_WEB_DIR, openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';

const session = useChromium();

describe('who may reach a room, on the admin page', () => {
  it('lists a paired display with its address and credential age, forgets it back to its pairing code, and opens a room to everyone', async () => {
    const bridge = await startTestBridge({
      clock: new FakeClock(Date.now()),
      webDir: BUILT_WEB_DIR,
      rooms: [
        { id: 'harbour', name: 'Harbour', access: 'paired' },
        { id: 'loft', name: 'Loft', access: 'paired' },
      ],
    });
    session.defer(() => bridge.close());
    const { display, page, problems } = await pairingOnAdminPage(session, bridge.url);
    await page.getByLabel('Room on this bridge', { exact: true }).selectOption({ label: 'Harbour' });
    await page.getByRole('button', { name: 'Link now' }).click();
    await page.getByText('Linked: the display now shows Harbour.').waitFor();
    await display.page.getByText('Harbour', { exact: true }).first().waitFor({ timeout: 2000 });

    // Its row: the room, online, where it connects from, and a credential made just now, the exact time in its title.
    const shortId = (await display.page.evaluate(() => localStorage.getItem('lintel.displayId')))!.slice(0, 8);
    const displays = page.getByRole('region', { name: 'Displays' });
    const row = displays.getByRole('row').filter({ hasText: shortId });
    await row.getByRole('cell', { name: 'Harbour', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Online', exact: true }).waitFor();
    await row.getByRole('cell', { name: /^(::ffff:)?127\.0\.0\.1$/ }).waitFor();
    const credential = row.getByText(/^Credential made (now|1 minute ago)$/);
    await credential.waitFor();
    expect(await credential.getAttribute('title')).toContain(String(new Date().getFullYear()));

    // Forget: the bridge deletes its record and credential, and the display shows a pairing code again (once its socket, closed by the bridge, is back).
    await row.getByRole('button', { name: `Forget display ${shortId}` }).click();
    await displays.getByRole('button', { name: 'Yes, forget' }).click();
    await displays.getByText('Display forgotten: it has to be paired again.').waitFor();
    await display.page.getByRole('heading', { name: 'Link this display' }).waitFor({ timeout: 5000 });
    // Asking for its new code, the display may be listed again at once, but never again with its room or its credential.
    await expect.poll(() => displays.getByRole('row').filter({ hasText: shortId }).filter({ hasText: /Harbour|Credential made/ }).count()).toBe(0);
    await page.getByRole('row', { name: new RegExp(`Forgot a display Display ${shortId}\\w* no longer shows Harbour`) }).waitFor();

    // Loft opened to everyone: the card says so, the bridge keeps it, and a browser without a link from its display, offered a pairing code until now, reads it.
    const stranger = await openDisplayPage(session.browser(), `${bridge.url}/rooms/loft`, { viewport: { width: 390, height: 844 } });
    session.defer(() => stranger.close());
    await stranger.page.getByRole('heading', { name: 'Link this display' }).waitFor();
    const loft = await roomDetails(page, 'Loft');
    const access = loft.getByLabel('Access', { exact: true });
    expect(await access.inputValue()).toBe('paired');
    await page.getByRole('region', { name: 'Rooms on this bridge' }).getByText('Open: anyone on the network sees meetings and books.').waitFor();
    await access.selectOption({ label: 'Open' });
    await loft.getByText('Access changed.').waitFor();
    expect(await access.inputValue()).toBe('open');
    expect(bridge.store.getRoom('loft')?.access).toBe('open');
    expect(bridge.store.getRoom('harbour')?.access).toBe('paired');
    await page.getByRole('row', { name: /Changed a room's access Loft: access set to "Open"\./ }).waitFor();
    await stranger.page.reload();
    await stranger.page.getByRole('status', { name: 'Room status' }).waitFor();
    expect(problems).toEqual([]);
  });
});
