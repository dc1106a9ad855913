import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RoomLinks } from '../../bridge/src/access/room-links.ts';
import type { RoomStore } from '../../bridge/src/store/room-store.ts';
import { qrPath } from '../../web/src/lib/qr.ts';
import { adminRequest } from '../support/admin-client.ts';
import { pairingCodeOf } from '../support/admin-page.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord, type DisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const session = useChromium();
const PUBLIC_URL = 'http://lintel.test:8080/';
const MINUTE = 60_000;
const PHONE = { width: 390, height: 844 };
// Chromium words durations as Node does, with a no-break space: "15 min" in en-GB.
const FIFTEEN_MINUTES = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(15);

async function open(url: string, options: Parameters<typeof openDisplayPage>[2] = {}): Promise<DisplayPage> {
  const opened = await openDisplayPage(session.browser(), url, options);
  session.defer(() => opened.close());
  return opened;
}

const agenda = (page: Page) => page.getByRole('region', { name: 'Next meetings' });
const qrCode = (page: Page) => page.getByRole('img', { name: 'Scan to book on your phone' });
const timeline = (page: Page) => page.getByRole('figure', { name: /^Today's schedule/ });
const notice = (page: Page) => page.getByRole('alert');

async function bookFifteenMinutes(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Book now' }).click();
  await page.getByRole('button', { name: FIFTEEN_MINUTES, exact: true }).click();
}

async function endFrom(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
}

function walkUps(store: RoomStore, roomId: string) {
  return store.meetingsBetween(roomId, 0, Number.MAX_SAFE_INTEGER).filter((meeting) => meeting.origin === 'walk-up');
}

/** The minutes a "… left" line says. */
async function minutesLeft(page: Page): Promise<number> {
  const text = await page.getByRole('article', { name: 'Current meeting' }).getByText(/ left$/).textContent();
  return Number(/\d+/.exec(text ?? '')?.[0]);
}

describe('the phone page at the room', () => {
  it("opens from a paired room's QR code at 390x844: reads and books the room, ends only its own booking, works offline, speaks the phone's language, and ends with the link", async () => {
    // The bridge's clock stands still on a whole minute, so the QR code's link is the one made here.
    const clock = new FakeClock(Math.floor(Date.now() / MINUTE) * MINUTE);
    const now = clock.now();
    const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
    const design = timed(at(60), at(90), { id: 'design', roomId: 'harbour', subject: 'Design review' });
    const retro = timed(at(120), at(150), { id: 'retro', roomId: 'harbour', subject: 'Retro' });
    let bridge: TestBridge = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'harbour', name: 'Harbour', access: 'paired', timeZone: zoneAtMidday(now) }],
      meetings: [design, retro],
    });
    session.defer(() => bridge.close());

    // The kiosk, linked by an admin, shows the room and its QR code: the signed link.
    const kiosk = await open(`${bridge.url}/rooms/harbour`);
    const code = await pairingCodeOf(kiosk.page);
    expect((await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: 'harbour' } } })).status).toBe(200);
    const link = new RoomLinks(bridge.store.database, clock, PUBLIC_URL).issue('harbour');
    await qrCode(kiosk.page).waitFor();
    expect(await qrCode(kiosk.page).locator('path').getAttribute('d')).toBe(qrPath(link.url).path);
    const phoneUrl = `${bridge.url}${new URL(link.url).pathname}${new URL(link.url).search}`;

    // The phone: the room, its status and today's agenda, one column, and none of the display's QR code or timeline.
    const phone = await open(phoneUrl, { viewport: PHONE });
    await phone.page.getByRole('heading', { name: 'Harbour', level: 1 }).waitFor();
    await statusWord(phone.page, 'Available').waitFor();
    await phone.page.getByRole('status', { name: 'Room status' }).getByText(/^Free until \d/).waitFor();
    await agenda(phone.page).getByText('Design review').waitFor();
    expect(await qrCode(phone.page).count()).toBe(0);
    expect(await timeline(phone.page).count()).toBe(0);
    // One column: nothing wider than the phone.
    expect(await phone.page.evaluate(() => document.querySelector('main')!.scrollWidth <= window.innerWidth)).toBe(true);

    // Book now from the phone: busy there and on the kiosk; the phone may end its own booking.
    await bookFifteenMinutes(phone.page);
    await statusWord(phone.page, 'Busy').waitFor();
    await statusWord(kiosk.page, 'Busy').waitFor();
    await endFrom(phone.page, 'End my booking');
    await statusWord(phone.page, 'Available').waitFor();
    await statusWord(kiosk.page, 'Available').waitFor();

    // A free gap of the agenda, booked for later through the same steps as on the display.
    await agenda(phone.page).getByRole('button').first().click();
    const chooser = phone.page.getByRole('dialog', { name: /^Book from / });
    await chooser.getByRole('group').getByRole('button').first().click();
    await agenda(kiosk.page).getByText('Walk-up booking').waitFor();
    await expect.poll(() => walkUps(bridge.store, 'harbour').filter((meeting) => meeting.start === design.end)).toHaveLength(1);

    // A meeting the phone did not book: it may extend it, not end it.
    await bookFifteenMinutes(kiosk.page);
    await statusWord(phone.page, 'Busy').waitFor();
    await phone.page.getByRole('button', { name: 'Extend', exact: true }).waitFor();
    expect(await phone.page.getByRole('button', { name: 'End my booking' }).count()).toBe(0);
    await endFrom(kiosk.page, 'End now');
    await statusWord(phone.page, 'Available').waitFor();

    // Offline: a booking shows at once and says it waits; a reload brings it back from the tab, and the time runs on.
    await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const booked = walkUps(bridge.store, 'harbour').length;
    await bridge.close();
    await notice(phone.page).getByText(/^Offline since/).waitFor();
    await bookFifteenMinutes(phone.page);
    await statusWord(phone.page, 'Busy').waitFor({ timeout: 1000 });
    await notice(phone.page).getByText(/Saved on this phone: will be sent when back online/).waitFor();
    await phone.page.clock.install();
    await phone.page.reload();
    await statusWord(phone.page, 'Busy').waitFor();
    await notice(phone.page).getByText(/Saved on this phone: will be sent when back online/).waitFor();
    const left = await minutesLeft(phone.page);
    await phone.page.clock.fastForward('05:00');
    await expect.poll(() => minutesLeft(phone.page)).toBe(left - 5);

    // The bridge is back: the booking reaches it once, and is still this phone's own.
    bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, store: bridge.store, port: bridge.port });
    await notice(phone.page).waitFor({ state: 'detached', timeout: 15_000 });
    expect(walkUps(bridge.store, 'harbour')).toHaveLength(booked + 1);
    await statusWord(kiosk.page, 'Busy').waitFor();
    await phone.page.getByRole('button', { name: 'End my booking' }).waitFor();

    // A phone set to German reads the room in German, with a switch to the room's English; and it is not its booking.
    const german = await open(phoneUrl, { viewport: PHONE, locale: 'de-DE' });
    await statusWord(german.page, 'Belegt').waitFor();
    const switcher = german.page.getByRole('group', { name: 'Sprache' });
    expect(await switcher.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe('true');
    expect(await german.page.getByRole('button', { name: 'Meine Buchung beenden' }).count()).toBe(0);
    await switcher.getByRole('button', { name: 'English' }).click();
    await statusWord(german.page, 'Busy').waitFor();
    expect(await german.page.evaluate(() => document.documentElement.lang)).toBe('en');

    // Ten minutes after the link was made: scan again, no meetings, and nothing kept in the tab; each in the language it was read in.
    clock.advance(10 * MINUTE);
    for (const page of [phone.page, german.page]) {
      await page.getByText("This link is no longer valid: scan the QR code on the room's display again.").waitFor();
      expect(await page.getByText('Design review').count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('lintel.')))).toEqual([]);
    }
    expect([...phone.problems, ...german.problems, ...kiosk.problems].filter((problem) => !problem.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  });

  it("opens from an open room's QR code too, while the kiosk's own address stays the display", async () => {
    const clock = new FakeClock(Date.now());
    const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: [{ id: 'lobby', name: 'Lobby', timeZone: zoneAtMidday(clock.now()) }] });
    session.defer(() => bridge.close());

    const kiosk = await open(`${bridge.url}/rooms/lobby`);
    await qrCode(kiosk.page).waitFor();
    await timeline(kiosk.page).waitFor();
    const qrUrl = `${PUBLIC_URL}rooms/lobby?from=qr`;
    expect(await qrCode(kiosk.page).locator('path').getAttribute('d')).toBe(qrPath(qrUrl).path);

    const phone = await open(`${bridge.url}/rooms/lobby?from=qr`, { viewport: PHONE });
    await statusWord(phone.page, 'Available').waitFor();
    expect(await qrCode(phone.page).count()).toBe(0);
    expect(await timeline(phone.page).count()).toBe(0);
    await bookFifteenMinutes(phone.page);
    await statusWord(kiosk.page, 'Busy').waitFor();
    await endFrom(phone.page, 'End my booking');
    await statusWord(kiosk.page, 'Available').waitFor();
  });
});
