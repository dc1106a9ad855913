import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDisplayPage, statusWord } from '../support/display-page.ts';
import { STATUS_ROOMS, useFixtureBridge } from '../support/display-fixtures.ts';
import { useChromium } from '../support/e2e-hooks.ts';

const SCREENSHOTS = 'test-results/screenshots';
const VIEWPORTS = [
  { width: 800, height: 480 },
  { width: 800, height: 1280 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
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

describe('layouts from a door tablet to a 4K monitor', () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of ['en', 'de', 'ar']) {
      it(`fit ${viewport.width}x${viewport.height} in every status (${lang})`, async () => {
        for (const room of STATUS_ROOMS) {
          const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/${room.id}?lang=${lang}`, { viewport });
          try {
            await display.page.getByRole('status', { name: 'Room status' }).waitFor();
            if (lang === 'en') await statusWord(display.page, room.word).waitFor();
            await display.page.screenshot({ path: `${SCREENSHOTS}/${room.id}-${lang}-${viewport.width}x${viewport.height}.png` });
            expect(await overflowing(display.page, DRIFT_PX), `${room.id} ${lang}`).toEqual([]);
            expect(display.problems).toEqual([]);
          } finally {
            await display.close();
          }
        }
      });
    }
  }

  it('truncates a long subject and room name cleanly instead of wrapping or overflowing', async () => {
    const display = await openDisplayPage(session.browser(), `${fixture().url}/rooms/busy`, { viewport: { width: 800, height: 480 } });
    try {
      const subject = display.page.getByRole('article', { name: 'Current meeting' }).getByRole('heading');
      await subject.waitFor();
      for (const element of [subject, display.page.getByRole('heading', { level: 1 })]) {
        const metrics = await element.evaluate((e) => ({ overflow: getComputedStyle(e).textOverflow, truncated: e.scrollWidth > e.clientWidth, lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '1')) }));
        expect(metrics).toMatchObject({ overflow: 'ellipsis', truncated: true });
      }
    } finally {
      await display.close();
    }
  });
});
