import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AdminStatus } from '../../shared/admin-api.ts';
import { DAY_MS } from '../../shared/clock.ts';
import { adminRequest } from '../support/admin-client.ts';
import { openAdmin, pairingCodeOf, signInWithToken } from '../support/admin-page.ts';
import { axeViolations } from '../support/axe.ts';
import { BUILT_WEB_DIR, openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';

const session = useChromium();

/** A display page linked to `roomId` with the code it shows, and named: its id is what the admin page shows of it otherwise. */
async function linkedDisplay(bridge: TestBridge, roomId: string, name: string) {
  const display = await openDisplayPage(session.browser(), `${bridge.url}/`);
  session.defer(() => display.close());
  const code = await pairingCodeOf(display.page);
  expect((await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId } } })).status).toBe(200);
  const displayId = (await display.page.evaluate(() => localStorage.getItem('lintel.displayId')))!;
  expect((await adminRequest(bridge.url, 'PUT', `/displays/${displayId}/name`, { token: TEST_ADMIN_TOKEN, body: { name } })).status).toBe(200);
  await display.page.getByRole('status', { name: 'Room status' }).waitFor();
  return { ...display, displayId };
}

/**
 * Closes the display's page and waits until the bridge counts it offline: until then its connection still counts as
 * seeing it, hour by hour, as the clock moves on.
 */
async function switchedOff(bridge: TestBridge, display: { displayId: string; close(): Promise<void> }): Promise<void> {
  await display.close();
  const online = async () => ((await adminRequest(bridge.url, 'GET', '/status', { token: TEST_ADMIN_TOKEN })).body as AdminStatus).displays.find((each) => each.id === display.displayId)?.online;
  await expect.poll(online).toBe(false);
}

/** The rooms table's displays cell of the room named `room`. */
const displaysOf = async (page: Page, room: string) => {
  const row = page.getByRole('region', { name: 'Rooms on this bridge' }).getByRole('row').filter({ has: page.getByRole('button', { name: room, exact: true }) });
  return (await row.innerText()).split('\t').map((cell) => cell.trim().replace(/\s+/g, ' '))[4];
};

describe('stale displays on the admin page', () => {
  it('are marked "Not seen for N days" from their 30th day offline, and one action forgets them all, never one online; the rooms name their displays', async () => {
    // The bridge's clock starts 31 days back, and is moved to now: the page's own clock agrees with it from then on.
    const clock = new FakeClock(Date.now() - 31 * DAY_MS);
    const bridge = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [
        { id: 'harbour', name: 'Harbour', access: 'paired' },
        { id: 'loft', name: 'Loft', access: 'paired' },
        { id: 'attic', name: 'Attic', access: 'paired' },
      ],
    });
    session.defer(() => bridge.close());
    const gone = await linkedDisplay(bridge, 'harbour', 'Old lobby');
    const door = await linkedDisplay(bridge, 'loft', 'Loft door');
    await switchedOff(bridge, gone);
    clock.advance(31 * DAY_MS);

    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await signInWithToken(page);
    const displays = page.getByRole('region', { name: 'Displays' });
    const goneRow = displays.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Old lobby/ }) });
    await goneRow.getByText('Not seen for 31 days').waitFor();
    await goneRow.getByText(/^Offline/).waitFor();
    const doorRow = displays.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Loft door/ }) });
    await doorRow.getByRole('cell', { name: 'Online', exact: true }).waitFor();
    expect(await doorRow.getByText(/Not seen for/).count()).toBe(0);
    // The rooms say which displays show them, and whether each is there now.
    expect([await displaysOf(page, 'Harbour'), await displaysOf(page, 'Loft'), await displaysOf(page, 'Attic')]).toEqual(['Old lobby Offline', 'Loft door Online', 'None']);

    await displays.getByRole('button', { name: 'Forget displays not seen for 30 days (1)' }).click();
    await displays.getByText('Displays not seen for 30 days: 1. Forget them?', { exact: false }).waitFor();
    await displays.getByRole('button', { name: 'Yes, forget them' }).click();
    await displays.getByText('Displays forgotten: 1. Each has to be paired again.').waitFor();
    await goneRow.waitFor({ state: 'detached' });
    await doorRow.waitFor();
    expect(await displays.getByRole('button', { name: /^Forget displays not seen/ }).count()).toBe(0);
    await expect.poll(() => displaysOf(page, 'Harbour')).toBe('None');
    expect(await displaysOf(page, 'Loft')).toBe('Loft door Online');
    await page.getByRole('row', { name: new RegExp(`Forgot a display Display ${gone.displayId.slice(0, 8)}\\w* no longer shows Harbour`) }).waitFor();
    await door.page.getByRole('status', { name: 'Room status' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('keep the page accessible with the mark and the question shown', async () => {
    const clock = new FakeClock(Date.now() - 40 * DAY_MS);
    const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: [{ id: 'harbour', name: 'Harbour', access: 'paired' }] });
    session.defer(() => bridge.close());
    const gone = await linkedDisplay(bridge, 'harbour', 'Old lobby');
    await switchedOff(bridge, gone);
    clock.advance(40 * DAY_MS);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const admin = await openDisplayPage(session.browser(), `${bridge.url}/admin/`, { bypassCSP: true, viewport });
      session.defer(() => admin.close());
      await signInWithToken(admin.page);
      const displays = admin.page.getByRole('region', { name: 'Displays' });
      await displays.getByText('Not seen for 40 days').waitFor();
      await displays.getByRole('button', { name: 'Forget displays not seen for 30 days (1)' }).click();
      await displays.getByRole('button', { name: 'Yes, forget them' }).waitFor();
      expect(await axeViolations(admin.page), `${viewport.width}`).toEqual([]);
      expect(await admin.page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(viewport.width);
    }
  });
});
