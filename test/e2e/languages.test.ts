import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/constants.ts';
import { en } from '../../web/src/i18n/en.ts';
import { openDisplayPage } from '../support/display-page.ts';
import { STATUS_ROOMS, useFixtureBridge } from '../support/display-fixtures.ts';
import { useChromium } from '../support/e2e-hooks.ts';

const session = useChromium();
const fixture = useFixtureBridge();

/** English UI words that must not show on a display in another language (data such as subjects is not UI). */
const ENGLISH_UI = [...Object.values(en.status), en.next, en.book, en.bookNow, en.extend, en.endNow, en.checkIn, en.free, en.privateMeeting, en.cancel, en.scanToBook, 'Free until', 'Free at', 'seats', 'left', 'Next meeting', 'Up to'];

describe('every status in every language', () => {
  for (const lang of LANGUAGES) {
    it(`renders completely in ${lang}`, async () => {
      for (const room of STATUS_ROOMS) {
        const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?lang=${lang}`);
        try {
          const { page } = display;
          await page.getByRole('status', { name: 'Room status' }).waitFor();
          const firstAction = page.locator('.actions button').first();
          if (room.id !== 'check-in') await firstAction.click();
          // The book later chooser over it: every fixture room has a free gap in its afternoon.
          await page.locator('.agenda button').first().click();
          await page.getByRole('dialog').waitFor();
          const text = await page.locator('body').innerText();
          expect(text).not.toMatch(/undefined|NaN|\[object|\{\w+\}/);
          if (lang !== 'en') {
            const leaked = ENGLISH_UI.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
            expect(leaked, `${room.id} in ${lang}`).toEqual([]);
          }
          expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, lang === 'ar' ? 'rtl' : 'ltr']);
          expect(display.problems).toEqual([]);
        } finally {
          await display.close();
        }
      }
    });
  }

  // A phone set to the language: the phone page speaks it, whatever the room's (English) is.
  for (const lang of LANGUAGES) {
    it(`renders the phone page completely in ${lang}`, async () => {
      const phone = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy?from=qr`, { viewport: { width: 390, height: 844 }, locale: lang });
      try {
        const { page } = phone;
        await page.getByRole('status', { name: 'Room status' }).waitFor();
        await page.locator('.actions button').first().click();
        const text = await page.locator('body').innerText();
        expect(text).not.toMatch(/undefined|NaN|\[object|\{\w+\}/);
        if (lang !== 'en') {
          const leaked = ENGLISH_UI.filter((phrase) => new RegExp(`\\b${phrase}\\b`).test(text));
          expect(leaked, `the phone page in ${lang}`).toEqual([]);
        }
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, lang === 'ar' ? 'rtl' : 'ltr']);
        expect(phone.problems).toEqual([]);
      } finally {
        await phone.close();
      }
    });
  }
});
