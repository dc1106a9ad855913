import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUILT_WEB_DIR, openDisplayPage, qrCodesDrawn, statusWord } from '../support/display-page.ts';
import { afternoon, FIXTURE_TIME, STATUS_ROOMS, useFixtureBridge } from '../support/display-fixtures.ts';
import { axeViolations } from '../support/axe.ts';
import { calendarServices, roomDetails } from '../support/admin-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';

const SCREENSHOTS = 'test-results/screenshots';
const session = useChromium();
const fixture = useFixtureBridge();

/** Buttons smaller than 44x44 CSS px. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a, input, [role="button"]')]
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.width < 44 || rect.height < 44))
      .map(({ element, rect }) => `${element.textContent?.trim() ?? ''} ${Math.round(rect.width)}x${Math.round(rect.height)}`),
  );
}

describe('accessibility', () => {
  for (const lang of ['en', 'ar']) {
    for (const room of STATUS_ROOMS) {
      it(`has no axe violations and only large targets: ${room.word} (${lang})`, async () => {
        for (const viewport of [{ width: 800, height: 480 }, { width: 1920, height: 1080 }]) {
          const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?lang=${lang}`, { bypassCSP: true, viewport });
          try {
            await display.page.getByRole('status', { name: 'Room status' }).waitFor();
            await qrCodesDrawn(display.page);
            expect(await axeViolations(display.page)).toEqual([]);
            expect(await smallTargets(display.page)).toEqual([]);
            const menu = display.page.locator('.actions button').first();
            if (room.id !== 'check-in') {
              await menu.click();
              expect(await axeViolations(display.page)).toEqual([]);
              expect(await smallTargets(display.page)).toEqual([]);
            }
          } finally {
            await display.close();
          }
        }
      });
    }
  }

  it('keeps the PIN pad accessible, with large keys, whole on every screen', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const pinned = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: [{ id: 'demo', settings: { pin: '4711' } }] });
    mkdirSync(SCREENSHOTS, { recursive: true });
    try {
      for (const viewport of [{ width: 800, height: 480 }, { width: 1280, height: 800 }, { width: 800, height: 1280 }, { width: 1920, height: 1080 }, { width: 390, height: 844 }]) {
        const display = await openDisplayPage(session.browser(), `${pinned.url}/rooms/demo`, { bypassCSP: true, viewport });
        try {
          await statusWord(display.page, 'Available').waitFor();
          await display.page.getByRole('button', { name: 'Book now' }).click();
          await display.page.getByRole('button', { name: '15 min' }).click();
          const pad = display.page.getByRole('dialog', { name: 'Enter the room PIN' });
          for (const digit of '1234') await pad.getByRole('button', { name: digit, exact: true }).click();
          await pad.getByRole('button', { name: 'OK' }).click();
          await pad.getByRole('alert').waitFor();
          await display.page.screenshot({ path: `${SCREENSHOTS}/pin-pad-wrong-${viewport.width}x${viewport.height}.png` });
          const box = (await pad.boundingBox())!;
          expect(box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width, `${viewport.width}x${viewport.height}`).toBe(true);
          expect(await axeViolations(display.page)).toEqual([]);
          expect(await smallTargets(display.page)).toEqual([]);
        } finally {
          await display.close();
        }
      }
    } finally {
      await pinned.close();
    }
  });

  it("keeps the book later chooser, the booker's name and the confirm step accessible with large targets, left to right and right to left", async () => {
    const clock = new FakeClock(FIXTURE_TIME);
    const confirming = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'demo', settings: { confirmBooking: true, askBookerName: true, maxBookingMinutes: 30 } }],
      meetings: afternoon('demo'),
    });
    try {
      for (const lang of ['en', 'ar']) {
        for (const viewport of [{ width: 800, height: 480 }, { width: 1920, height: 1080 }]) {
          const display = await openDisplayPage(session.browser(), `${confirming.url}/rooms/demo?lang=${lang}`, { bypassCSP: true, viewport });
          try {
            await display.page.getByRole('status', { name: 'Room status' }).waitFor();
            await display.page.locator('.agenda button').first().click();
            const chooser = display.page.getByRole('dialog');
            await chooser.waitFor();
            expect(await axeViolations(display.page)).toEqual([]);
            expect(await smallTargets(display.page)).toEqual([]);
            // Right to left, the lengths run from the right: the first stands right of the second.
            const [first, second] = await Promise.all([0, 1].map((index) => chooser.locator('.choices button').nth(index).boundingBox()));
            expect(lang === 'ar' ? first!.x > second!.x : first!.x < second!.x).toBe(true);

            await chooser.locator('.choices button').first().click();
            const naming = display.page.getByRole('dialog').filter({ has: display.page.getByRole('textbox') });
            await naming.waitFor();
            expect(await axeViolations(display.page)).toEqual([]);
            expect(await smallTargets(display.page)).toEqual([]);
            await naming.locator('button').nth(1).click();
            await display.page.getByRole('alertdialog').waitFor();
            expect(await axeViolations(display.page)).toEqual([]);
            expect(await smallTargets(display.page)).toEqual([]);
          } finally {
            await display.close();
          }
        }
      }
    } finally {
      await confirming.close();
    }
  });

  it('keeps the building overview accessible with large targets, on a lobby screen and on a phone, filtered or not', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 390, height: 844 }]) {
      for (const lang of ['en', 'ar']) {
        const building = await openDisplayPage(session.browser(), `${fixture().url}/building?lang=${lang}`, { bypassCSP: true, viewport });
        try {
          await building.page.getByRole('listitem').first().waitFor();
          expect(await axeViolations(building.page)).toEqual([]);
          expect(await smallTargets(building.page)).toEqual([]);
          await building.page.locator('button[aria-pressed]').click();
          await building.page.locator('button[aria-pressed="true"]').waitFor();
          expect(await axeViolations(building.page)).toEqual([]);
        } finally {
          await building.close();
        }
      }
    }
  });

  it('keeps the building overview accessible when more rooms than fit scroll, the keyboard scrolling them too', async () => {
    const rooms = Array.from({ length: 60 }, (_, i) => ({ id: `room-${i}`, name: `Room ${i + 1}`, location: { building: 'Harbour House', floor: Math.floor(i / 10) } }));
    const hub = await startTestBridge({ clock: new FakeClock(FIXTURE_TIME), webDir: BUILT_WEB_DIR, rooms });
    const building = await openDisplayPage(session.browser(), `${hub.url}/building`, { bypassCSP: true, viewport: { width: 1280, height: 800 } });
    try {
      await building.page.getByRole('listitem').nth(59).waitFor();
      const board = building.page.getByRole('main');
      expect(await board.evaluate((main) => main.scrollHeight > main.clientHeight)).toBe(true);
      expect(await board.getAttribute('tabindex')).toBe('0');
      expect(await axeViolations(building.page)).toEqual([]);
    } finally {
      await building.close();
      await hub.close();
    }
  });

  it('keeps the "find a free room" panel and a room\'s page in it accessible with large targets', async () => {
    for (const viewport of [{ width: 800, height: 480 }, { width: 1920, height: 1080 }]) {
      const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy`, { bypassCSP: true, viewport });
      try {
        await display.page.getByRole('button', { name: 'Find a free room' }).click();
        const panel = display.page.getByRole('dialog', { name: 'Free rooms nearby' });
        await panel.getByRole('listitem').first().waitFor();
        expect(await axeViolations(display.page)).toEqual([]);
        expect(await smallTargets(display.page)).toEqual([]);
        // A room's page, opened from its name.
        await panel.getByRole('listitem').first().getByRole('button').first().click();
        await panel.getByRole('region').getByRole('button', { name: 'All free rooms' }).waitFor();
        mkdirSync(SCREENSHOTS, { recursive: true });
        await display.page.screenshot({ path: `${SCREENSHOTS}/free-room-page-${viewport.width}x${viewport.height}.png` });
        expect(await axeViolations(display.page)).toEqual([]);
        expect(await smallTargets(display.page)).toEqual([]);
      } finally {
        await display.close();
      }
    }
  });

  it('keeps the "Report a problem" dialog accessible, on screen whole, with large targets, left to right and right to left', async () => {
    for (const lang of ['en', 'ar']) {
      for (const viewport of [{ width: 800, height: 480 }, { width: 800, height: 1280 }, { width: 1920, height: 1080 }]) {
        const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy?lang=${lang}`, { bypassCSP: true, viewport });
        try {
          await display.page.getByRole('status', { name: 'Room status' }).waitFor();
          await display.page.locator('.report-problem').click();
          const dialog = display.page.getByRole('dialog');
          // Right to left, the kinds run from the right: the first stands right of the second.
          const [first, second] = await Promise.all([0, 1].map((index) => dialog.getByRole('button', { pressed: false }).nth(index).boundingBox()));
          expect(lang === 'ar' ? first!.x > second!.x : first!.x < second!.x).toBe(true);
          await dialog.getByRole('button', { pressed: false }).first().click();
          await dialog.getByRole('button', { pressed: true }).waitFor();
          expect(await display.page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          expect(await axeViolations(display.page)).toEqual([]);
          expect(await smallTargets(display.page)).toEqual([]);
          // Nothing of it off screen: every kind, the note and both buttons can be reached without scrolling.
          const box = (await dialog.boundingBox())!;
          expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height).toBe(true);
          expect(await dialog.evaluate((element) => element.scrollHeight <= element.clientHeight)).toBe(true);
        } finally {
          await display.close();
        }
      }
    }
  });

  // The phone's own language: Arabic on an Arabic phone, with its switch to the room's English. One test a language: each opens six pages.
  for (const locale of ['en-GB', 'ar']) {
    it(`keeps the phone page accessible with large targets, in the phone's language, ${locale === 'ar' ? 'right to left' : 'left to right'} (${locale})`, async () => {
      for (const room of STATUS_ROOMS) {
        for (const viewport of room.id === 'free' ? [{ width: 390, height: 844 }, { width: 844, height: 390 }, { width: 820, height: 1180 }] : [{ width: 390, height: 844 }]) {
          const phone = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?from=qr`, { bypassCSP: true, viewport, locale });
          try {
            await phone.page.getByRole('status', { name: 'Room status' }).waitFor();
            expect(await phone.page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
            expect(await phone.page.getByRole('group').getByRole('button', { pressed: true }).count()).toBe(locale === 'ar' ? 1 : 0);
            expect(await axeViolations(phone.page)).toEqual([]);
            expect(await smallTargets(phone.page)).toEqual([]);
            if (room.id !== 'check-in') {
              await phone.page.locator('.actions button').first().click();
              expect(await axeViolations(phone.page)).toEqual([]);
              expect(await smallTargets(phone.page)).toEqual([]);
            }
            await phone.page.locator('.agenda button').first().click();
            await phone.page.getByRole('dialog').waitFor();
            expect(await axeViolations(phone.page)).toEqual([]);
            expect(await smallTargets(phone.page)).toEqual([]);
          } finally {
            await phone.close();
          }
        }
      }
    });
  }

  it('keeps the pairing screen and the admin page accessible, on a laptop and on a phone', async () => {
    const clock = new FakeClock(Date.now());
    const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: [{ id: 'harbour', name: 'Harbour' }, { id: 'loft', name: 'Loft' }] });
    try {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        const pairing = await openDisplayPage(session.browser(), `${bridge.url}/`, { bypassCSP: true, viewport });
        await pairing.page.getByRole('heading', { name: 'Link this display' }).waitFor();
        await pairing.page.getByRole('img', { name: /scan/i }).waitFor();
        expect(await axeViolations(pairing.page)).toEqual([]);
        await pairing.close();

        const admin = await openDisplayPage(session.browser(), `${bridge.url}/admin/`, { bypassCSP: true, viewport });
        await admin.page.getByLabel('Local admin token').fill(TEST_ADMIN_TOKEN);
        await admin.page.getByRole('button', { name: 'Use this token' }).click();
        await admin.page.getByRole('heading', { name: 'Rooms on this bridge' }).waitFor();
        // With a room's details and the calendar services open, so they are checked too.
        await roomDetails(admin.page, 'Loft');
        await calendarServices(admin.page);
        expect(await axeViolations(admin.page)).toEqual([]);
        await admin.close();
      }
    } finally {
      await bridge.close();
    }
  });
});
