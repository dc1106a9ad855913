import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cutGlyphs } from '../support/cut-glyphs.ts';
import { openDisplayPage, qrCodesDrawn, statusWord } from '../support/display-page.ts';
import { STATUS_ROOMS, useFixtureBridge } from '../support/display-fixtures.ts';
import { useChromium } from '../support/e2e-hooks.ts';

const SCREENSHOTS = 'test-results/screenshots';
const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'ja', 'ar'];
/** Each size in the languages with the longest words and right to left; a door panel's 1280x800 in every one. */
const VIEWPORTS = [
  { width: 800, height: 480, languages: ['en', 'de', 'ar'] },
  { width: 800, height: 1280, languages: ['en', 'de', 'ar'] },
  { width: 1280, height: 800, languages: LANGUAGES },
  { width: 1920, height: 1080, languages: ['en', 'de', 'ar'] },
  { width: 3840, height: 2160, languages: ['en', 'de', 'ar'] },
];
const PHONE = { width: 390, height: 844 };
/** The burn-in drift moves the layout up to 3 px. */
const DRIFT_PX = 4;

const session = useChromium();
const fixture = useFixtureBridge();
beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

/** Everything visible (after clipping by its scrolling or clipping ancestors) that pokes out of the viewport. */
function overflowing(page: Page, slack: number): Promise<string[]> {
  return page.evaluate((slack) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      let { left, top, right, bottom } = rect;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        left = Math.max(left, clip.left);
        top = Math.max(top, clip.top);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      if (right <= left || bottom <= top) continue;
      if (left < -slack || top < -slack || right > innerWidth + slack || bottom > innerHeight + slack) {
        found.push(`${element.tagName.toLowerCase()}.${element.className} [${Math.round(left)},${Math.round(top)} → ${Math.round(right)},${Math.round(bottom)}]`);
      }
    }
    return found;
  }, slack);
}

/**
 * Words of the status that are broken across lines: each word (a whole
 * phrase in Japanese, which has no spaces) must lie on one line.
 */
function brokenStatusWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const word = document.querySelector('.status .word');
    if (!word?.textContent?.trim()) return ['no status word'];
    const broken: string[] = [];
    const texts = document.createTreeWalker(word, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    if (word.scrollWidth > word.clientWidth) broken.push(`${word.textContent} is wider than its panel`);
    return broken;
  });
}

describe('layouts from a door tablet to a 4K monitor', () => {
  for (const { languages, ...viewport } of VIEWPORTS) {
    for (const lang of languages) {
      it(`fit ${viewport.width}x${viewport.height} in every status (${lang})`, async () => {
        for (const room of STATUS_ROOMS) {
          const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?lang=${lang}`, { viewport });
          try {
            await display.page.getByRole('status', { name: 'Room status' }).waitFor();
            if (lang === 'en') await statusWord(display.page, room.word).waitFor();
            await qrCodesDrawn(display.page);
            await display.page.screenshot({ path: `${SCREENSHOTS}/${room.id}-${lang}-${viewport.width}x${viewport.height}.png` });
            expect(await overflowing(display.page, DRIFT_PX), `${room.id} ${lang}`).toEqual([]);
            expect(await brokenStatusWords(display.page), `${room.id} ${lang}`).toEqual([]);
            expect(await cutGlyphs(display.page), `${room.id} ${lang}`).toEqual([]);
            expect(display.problems).toEqual([]);
          } finally {
            await display.close();
          }
        }
      });
    }
  }

  // The phone page, opened from a room's QR code, in the phone's own language: it scrolls down, never sideways.
  for (const lang of LANGUAGES) {
    it(`fit a 390x844 phone in every status (${lang})`, async () => {
      for (const room of STATUS_ROOMS) {
        const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?from=qr`, { viewport: PHONE, locale: lang });
        try {
          await display.page.getByRole('status', { name: 'Room status' }).waitFor();
          if (lang === 'en') await statusWord(display.page, room.word).waitFor();
          await display.page.screenshot({ path: `${SCREENSHOTS}/phone-${room.id}-${lang}-390x844.png`, fullPage: true });
          const page = await display.page.evaluate(() => ({ wide: document.documentElement.scrollWidth, shown: innerWidth }));
          expect(page.wide, `${room.id} ${lang}`).toBeLessThanOrEqual(page.shown);
          expect(await brokenStatusWords(display.page), `${room.id} ${lang}`).toEqual([]);
          expect(await cutGlyphs(display.page), `${room.id} ${lang}`).toEqual([]);
          expect(display.problems).toEqual([]);
        } finally {
          await display.close();
        }
      }
    });
  }

  it("aligns subjects in another script by the page's direction, each in its own order", async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/check-in?lang=ar`, { viewport: { width: 1280, height: 800 } });
    try {
      const subject = display.page.locator('.agenda .subject').filter({ hasText: 'Sprint planning' });
      await subject.waitFor();
      // Right to left, an English subject starts at the right, as the Arabic around it does.
      const { line, text } = await subject.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return { line: element.getBoundingClientRect().toJSON() as DOMRect, text: range.getBoundingClientRect().toJSON() as DOMRect };
      });
      expect(Math.abs(line.right - text.right)).toBeLessThanOrEqual(1);
      expect(text.width).toBeLessThan(line.width / 2);
      // In its own order: "Sprint" left of "planning".
      expect(await subject.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    } finally {
      await display.close();
    }
  });

  it('cuts a long name, subject or organizer in another script at its own end, its first words in sight (Arabic page)', async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy?lang=ar`, { viewport: { width: 800, height: 480 } });
    try {
      await display.page.locator('.agenda .subject').first().waitFor();
      const cut = await display.page.evaluate(() =>
        ['.header .name', '.current .subject', '.current .organizer', '.agenda .subject', '.agenda .organizer'].map((selector) => {
          // The longest of its kind on screen: the one cut.
          const element = [...document.querySelectorAll(selector)].sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0]!;
          const text = element.firstChild!;
          const firstWord = /^\S+/.exec(text.textContent ?? '')![0];
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, firstWord.length);
          const [word, box] = [range.getBoundingClientRect(), element.getBoundingClientRect()];
          return {
            selector,
            cut: element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
            firstWordInSight: word.left >= box.left - 1 && word.right <= box.right + 1,
          };
        }),
      );
      expect(cut).toEqual(['.header .name', '.current .subject', '.current .organizer', '.agenda .subject', '.agenda .organizer'].map((selector) => ({ selector, cut: true, firstWordInSight: true })));

      // The English title's second line ends in an ellipsis a reader sees: there is ink just past its line's end.
      const subject = display.page.locator('.current .subject');
      const pastLineEnd = await subject.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const box = element.getBoundingClientRect();
        const lines = [...range.getClientRects()].filter((rect) => rect.height > 0 && rect.bottom <= box.bottom + 1);
        const second = lines.sort((a, b) => a.top - b.top).at(-1)!;
        const end = Math.max(...lines.map((rect) => rect.right));
        const em = parseFloat(getComputedStyle(element).fontSize);
        return { x: end, y: second.top, width: em, height: second.height };
      });
      const inkOf = async (clip: typeof pastLineEnd) => {
        const png = (await display.page.screenshot({ clip })).toString('base64');
        return display.page.evaluate(async (data) => {
          const image = new Image();
          image.src = `data:image/png;base64,${data}`;
          await image.decode();
          const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          const pixels = context.getImageData(0, 0, image.width, image.height).data;
          const light: number[] = [];
          for (let i = 0; i < pixels.length; i += 4) light.push(0.2126 * pixels[i]! + 0.7152 * pixels[i + 1]! + 0.0722 * pixels[i + 2]!);
          return Math.max(...light) - Math.min(...light);
        }, png);
      };
      await subject.screenshot({ path: `${SCREENSHOTS}/current-subject-english-ar-800x480.png` });
      expect(await inkOf(pastLineEnd), 'an ellipsis after the second line').toBeGreaterThan(100);
    } finally {
      await display.close();
    }
  });

  it('gives a long subject two lines, then an ellipsis, and a long room name one line, then an ellipsis', async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy`, { viewport: { width: 800, height: 480 } });
    try {
      const subject = display.page.getByRole('article', { name: 'Current meeting' }).getByRole('heading');
      await subject.waitFor();
      const linesOf = (element: typeof subject) =>
        element.evaluate((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const box = e.getBoundingClientRect();
          const visible = [...range.getClientRects()].filter((rect) => rect.height > 0 && rect.bottom <= box.bottom + 1);
          return { lines: new Set(visible.map((rect) => Math.round(rect.top))).size, truncated: e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth };
        });
      expect(await linesOf(subject)).toEqual({ lines: 2, truncated: true });
      expect(await subject.evaluate((e) => getComputedStyle(e).webkitLineClamp)).toBe('2');
      const name = display.page.getByRole('heading', { level: 1 });
      expect(await linesOf(name)).toEqual({ lines: 1, truncated: true });
      expect(await name.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
    } finally {
      await display.close();
    }
  });

  it("keeps the QR code's place while a worker draws it: nothing on the screen moves when the code comes", async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy`);
    try {
      await display.page.getByRole('img', { name: 'Scan to book on your phone' }).waitFor();
      // The Layout Instability API's entries since the page opened: an element that moved without a touch.
      const moved = await display.page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const found: string[] = [];
            new PerformanceObserver((list) => {
              for (const shift of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node | null }[] })[]) {
                found.push(`${shift.value.toFixed(4)}: ${shift.sources.map((source) => (source.node as Element | null)?.className ?? '?').join(', ')}`);
              }
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(found), 500);
          }),
      );
      expect(moved).toEqual([]);
    } finally {
      await display.close();
    }
  });

  it('breaks Japanese lines between phrases, not inside a word', async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy?lang=ja`);
    try {
      const caption = display.page.locator('figure.qr figcaption');
      await caption.waitFor();
      // Each character's line, from its own range: the lines as the screen shows them.
      const lines = await caption.evaluate((element) => {
        const text = element.firstChild!;
        const shown = new Map<number, string>();
        for (let i = 0; i < (text.textContent ?? '').length; i++) {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          shown.set(top, (shown.get(top) ?? '') + text.textContent![i]);
        }
        return [...shown.values()];
      });
      expect(lines.length, lines.join(' / ')).toBeGreaterThan(1);
      // "予約" (booking) is one word: a line may not end between its two characters.
      expect(lines.join('/'), lines.join(' / ')).toContain('予約');
    } finally {
      await display.close();
    }
  });
});
