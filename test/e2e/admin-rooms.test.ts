import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/constants.ts';
import { ADMIN_MESSAGES } from '../../web/src/admin/i18n/index.ts';
import { TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { calendarServices, openAdmin, pairingOnAdminPage, roomDetails, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const SCREENSHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1920, height: 1080 };
const session = useChromium();

beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

/** A building's 30 rooms on four floors, named so that plain text order ("Room 10" before "Room 2") would be wrong; Room 7 busy now. */
async function building(): Promise<TestBridge> {
  const clock = new FakeClock(Date.now());
  const timeZone = zoneAtMidday(clock.now());
  const rooms = Array.from({ length: 30 }, (_, n) => ({
    id: `room-${n + 1}`,
    name: `Room ${n + 1}`,
    timeZone,
    capacity: 4 + (n % 8),
    location: { building: 'Harbour House', floor: n % 4 },
    access: 'paired' as const,
  }));
  const meeting = timed(new Date(clock.now() - 10 * 60_000).toISOString(), new Date(clock.now() + 20 * 60_000).toISOString(), { roomId: 'room-7', subject: 'Stand-up' });
  const bridge = await startTestBridge({ clock, rooms, meetings: [meeting], webDir: BUILT_WEB_DIR });
  session.defer(() => bridge.close());
  return bridge;
}

/** The rooms table's rows, as text: name, then each column. */
const roomRows = (page: Page) => page.getByRole('region', { name: 'Rooms on this bridge' }).locator('tbody tr:not([hidden])').allInnerTexts();

/** Neither the document nor the body scrolls sideways (the admin page's body is its own scroller). */
const pageWidth = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));

describe("the admin page's rooms", () => {
  it('are a table by floor and natural name order, with capacity, status now, displays and calendar; a room opens to its details', async () => {
    const bridge = await building();
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`, { viewport: DESKTOP });
    await signInWithToken(page);
    const rooms = page.getByRole('region', { name: 'Rooms on this bridge' });
    await rooms.getByRole('columnheader', { name: 'Floor' }).waitFor();

    const rows = (await roomRows(page)).map((row) => row.split('\t').map((cell) => cell.trim()));
    expect(rows).toHaveLength(30);
    // Floor 0 first, "Room 5" before "Room 13" (not "Room 13" before "Room 5").
    expect(rows.slice(0, 8).map((row) => row[0])).toEqual(['Room 1', 'Room 5', 'Room 9', 'Room 13', 'Room 17', 'Room 21', 'Room 25', 'Room 29']);
    expect(rows.map((row) => row[1])).toEqual([...Array(8).fill('0'), ...Array(8).fill('1'), ...Array(7).fill('2'), ...Array(7).fill('3')]);
    expect(rows.find((row) => row[0] === 'Room 7')).toEqual(['Room 7', '2', '10', 'Busy', 'None', 'Local bookings']);
    expect(rows.find((row) => row[0] === 'Room 8')).toEqual(['Room 8', '3', '11', 'Available', 'None', 'Local bookings']);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-rooms-1920x1080.png`, fullPage: true });

    // What a room's card showed is in its details: calendar, pending changes, access, changed there.
    const details = await roomDetails(page, 'Room 7');
    expect(await rooms.getByRole('button', { name: 'Room 7', exact: true }).getAttribute('aria-expanded')).toBe('true');
    await details.getByText('Pending changes').waitFor();
    await details.getByLabel('Access', { exact: true }).selectOption({ label: 'Open' });
    await details.getByText('Access changed.').waitFor();
    expect(bridge.store.getRoom('room-7')?.access).toBe('open');
    await rooms.getByRole('button', { name: 'Room 7', exact: true }).click();
    expect(await details.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('fit a phone: floor, capacity and calendar under the name, no sideways scrolling', async () => {
    const bridge = await building();
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`, { viewport: PHONE });
    await signInWithToken(page);
    const rooms = page.getByRole('region', { name: 'Rooms on this bridge' });
    await rooms.getByRole('row').filter({ hasText: 'Room 7' }).getByText('Floor 2 · 10 seats · Local bookings').waitFor();
    expect(await rooms.getByRole('columnheader', { name: 'Floor' }).isVisible()).toBe(false);
    await rooms.getByRole('row').filter({ hasText: 'Room 7' }).getByText('Busy').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const table = rooms.getByRole('table');
    expect(await table.evaluate((element) => element.scrollWidth <= element.parentElement!.clientWidth)).toBe(true);
    await roomDetails(page, 'Room 7');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-rooms-390x844.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('of a local install lead the page: the calendar services follow rooms and displays in one line, Microsoft 365 among them, not a "Not connected" first', async () => {
    const bridge = await building();
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`, { viewport: DESKTOP });
    await signInWithToken(page);
    await page.getByRole('heading', { name: 'Calendars', exact: true }).waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.indexOf('Calendars')).toBeGreaterThan(headings.indexOf('Displays'));
    expect(headings.indexOf('Displays')).toBeGreaterThan(headings.indexOf('Rooms on this bridge'));
    expect(headings).not.toContain('Microsoft 365 connection');
    await page.getByText('Local: the rooms keep their meetings on this bridge.', { exact: false }).waitFor();
    expect(await page.getByText('Not connected', { exact: true }).count()).toBe(0);

    await calendarServices(page);
    const connection = page.getByRole('region', { name: 'Microsoft 365 connection' });
    await connection.getByText('Not connected', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Add a room on a CalDAV server or an ICS feed' }).waitFor();
    await page.getByRole('region', { name: 'Google Workspace' }).waitFor();
    const after = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(after.indexOf('Microsoft 365 connection')).toBeGreaterThan(after.indexOf('Calendars'));
    expect(problems).toEqual([]);
  });

  it('link a display only to the room the admin chose, and an unlink shows in the displays and the rooms at once', async () => {
    const bridge = await building();
    const { display, page, problems } = await pairingOnAdminPage(session, bridge.url);
    const picker = page.getByLabel('Room on this bridge', { exact: true });
    const linkNow = page.getByRole('button', { name: 'Link now' });
    // No room is chosen for the admin: the picker asks, and Link now waits and says why.
    expect(await picker.inputValue()).toBe('');
    await picker.getByRole('option', { name: 'Choose a room' }).waitFor({ state: 'attached' });
    expect(await linkNow.isDisabled()).toBe(true);
    await page.getByText('Choose the room the display is in, then link it.').waitFor();
    // The picker lists rooms as the table does: by floor, then by name.
    const options = await picker.getByRole('option').allInnerTexts();
    expect(options.slice(0, 4)).toEqual(['Choose a room', 'Room 1', 'Room 5', 'Room 9']);

    await picker.selectOption({ label: 'Room 10' });
    await linkNow.click();
    await page.getByText('Linked: the display now shows Room 10.').waitFor();
    await display.page.getByText('Room 10', { exact: true }).first().waitFor({ timeout: 2000 });
    // The room names the display linked to it (by its short id until it has a name), and that it is there now.
    const shortId = (await display.page.evaluate(() => localStorage.getItem('lintel.displayId')))!.slice(0, 8);
    const roomRow = page.getByRole('region', { name: 'Rooms on this bridge' }).getByRole('row').filter({ hasText: 'Room 10' });
    const roomCells = async () => (await roomRow.innerText()).split('\t').map((cell) => cell.trim());
    expect(await roomCells()).toEqual(['Room 10', '1', '5', 'Available', `${shortId} Online`, 'Local bookings']);
    // The next display starts with no room chosen again.
    expect(await picker.inputValue()).toBe('');

    // The admin names it: the table shows the name; no name is refused with the reason, and changes nothing.
    const displays = page.getByRole('region', { name: 'Displays' });
    await displays.getByRole('button', { name: /^Rename display / }).click();
    await displays.getByLabel('Display name').fill('Lobby left');
    await displays.getByRole('button', { name: 'Save name' }).click();
    await displays.getByText('Display renamed.').waitFor();
    await displays.getByRole('rowheader', { name: /Lobby left/ }).waitFor();
    expect((await roomCells())[4]).toBe('Lobby left Online');
    await displays.getByRole('button', { name: 'Rename display Lobby left' }).click();
    await displays.getByLabel('Display name').fill('  ');
    await displays.getByRole('button', { name: 'Save name' }).click();
    await displays.getByRole('alert').getByText(/A display needs a name: type one\./).waitFor();
    await displays.getByRole('button', { name: 'Cancel' }).click();
    await displays.getByRole('rowheader', { name: /Lobby left/ }).waitFor();
    await page.getByRole('row', { name: /Named a display Display \w+ is now called “Lobby left”\./ }).waitFor();

    // Identify: that display shows its name and room full-screen for 10 s, then its room again.
    await displays.getByRole('button', { name: 'Identify display Lobby left' }).click();
    await displays.getByText('The display shows its name full-screen for 10 seconds.').waitFor();
    const identified = display.page.getByRole('status', { name: 'This display' });
    await identified.getByText('Lobby left').waitFor({ timeout: 2000 });
    await identified.getByText('Shows Room 10').waitFor();
    await identified.waitFor({ state: 'detached', timeout: 12_000 });

    await displays.getByRole('button', { name: 'Unlink display Lobby left' }).click();
    await displays.getByRole('button', { name: 'Yes, unlink' }).click();
    await displays.getByText('Display unlinked.').waitFor();
    await displays.getByRole('cell', { name: 'Not linked', exact: true }).waitFor();
    await expect.poll(async () => (await roomCells())[4]).toBe('None');
    await display.page.getByRole('heading', { name: 'Link this display' }).waitFor({ timeout: 5000 });
    expect(problems).toEqual([]);
  });

  it('fit a phone and a large screen in every language, left to right and right to left, with a room open', async () => {
    const bridge = await building();
    for (const language of LANGUAGES) {
      const t = ADMIN_MESSAGES[language];
      for (const viewport of [PHONE, DESKTOP]) {
        const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`, { viewport, locale: language });
        await page.getByLabel(t.localTokenLabel).fill(TEST_ADMIN_TOKEN);
        await page.getByRole('button', { name: t.useToken }).click();
        const rooms = page.getByRole('region', { name: t.roomsHeading });
        await rooms.getByRole('row').filter({ hasText: 'Room 7' }).getByText(t.roomStatuses.busy).waitFor();
        await rooms.getByRole('button', { name: 'Room 7', exact: true }).click();
        await page.getByRole('region', { name: 'Room 7', exact: true }).getByLabel(t.roomAccess, { exact: true }).waitFor();
        expect(await pageWidth(page), `${language} ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: `${SCREENSHOTS}/admin-${language}-${viewport.width}x${viewport.height}.png`, fullPage: true });
        expect(problems).toEqual([]);
        await page.context().close();
      }
    }
  });
});
