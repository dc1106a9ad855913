import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/constants.ts';
import { cutGlyphs } from '../support/cut-glyphs.ts';
import { BUILT_WEB_DIR, openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';

const SCREENSHOTS = 'test-results/screenshots';
const WALL = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const LAPTOP = { width: 1280, height: 800 };
/** Read from 5 m: a status word of 28 px, a room's name of 23 px. */
const WORD_PX = 28;
const NAME_PX = 23;
/** Turned to portrait, three tiles across. */
const PORTRAIT_SIZES = { wordPx: 26, namePx: 21 };
/** Read from a laptop's distance. */
const LAPTOP_SIZES = { wordPx: 18, namePx: 15 };

const session = useChromium();
beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

const NAMES = ['Harbour', 'Dock', 'Quay', 'Atlas', 'Loft', 'Cirrus', 'Pier', 'Studio', 'Boardroom', 'Library'];

/**
 * `count` rooms, ten to a floor, named as buildings number them ("2.04 Atlas"); at 10:00 every fourth is
 * busy, starting soon or waiting for check-in, the rest free: every status on every board.
 */
function lobby(count: number): Pick<TestBridgeOptions, 'rooms' | 'meetings'> {
  const rooms = Array.from({ length: count }, (_, i) => {
    const floor = Math.floor(i / 10) + 1;
    return {
      id: `room-${i}`,
      name: `${floor}.${String((i % 10) + 1).padStart(2, '0')} ${NAMES[i % 10]!}`,
      capacity: 4 + (i % 9),
      location: { building: 'Harbour House', floor },
      ...(i % 4 === 3 ? { settings: { checkIn: { required: true } } } : {}),
    };
  });
  const starts = ['', '2026-11-23T09:30:00+01:00', '2026-11-23T10:05:00+01:00', '2026-11-23T10:02:00+01:00'];
  const meetings = rooms.flatMap((room, i) => (i % 4 === 0 ? [] : [timed(starts[i % 4]!, '2026-11-23T11:00:00+01:00', { id: `${room.id}-now`, roomId: room.id })]));
  return { rooms, meetings };
}

async function hub(count: number, rooms = lobby(count)): Promise<TestBridge> {
  const bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), webDir: BUILT_WEB_DIR, ...rooms });
  session.defer(() => bridge.close());
  return bridge;
}

interface Tile {
  name: string;
  /** The name's words as they stand on screen, left to right. */
  nameLeftToRight: string;
  /** The side of its tile the name starts from. */
  nameSide: 'left' | 'right';
  word: string;
  namePx: number;
  wordPx: number;
  box: { left: number; top: number; right: number; bottom: number };
  /** Text that does not fit its tile, or a status word cut. */
  overflows: boolean;
}

/** Every tile as a person at the wall sees it, and whether the board or the page scrolls. */
async function board(page: Page, count: number): Promise<{ tiles: Tile[]; scrolls: boolean; pageScrolls: boolean }> {
  await page.getByRole('listitem').nth(count - 1).waitFor();
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('.card')].map((card) => {
      const name = card.querySelector<HTMLElement>('.name')!;
      const word = card.querySelector<HTMLElement>('.word')!;
      const { left, top, right, bottom } = card.getBoundingClientRect();
      const text = name.firstChild!;
      const words = [...(text.textContent ?? '').matchAll(/\S+/g)].map((match) => {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        return { word: match[0], left: range.getBoundingClientRect().left };
      });
      const nameBox = name.getBoundingClientRect();
      return {
        name: name.textContent ?? '',
        nameLeftToRight: words
          .sort((a, b) => a.left - b.left)
          .map((each) => each.word)
          .join(' '),
        nameSide: nameBox.left - left <= right - nameBox.right ? ('left' as const) : ('right' as const),
        word: word.textContent ?? '',
        namePx: parseFloat(getComputedStyle(name).fontSize),
        wordPx: parseFloat(getComputedStyle(word).fontSize),
        box: { left, top, right, bottom },
        overflows: card.scrollWidth > card.clientWidth || card.scrollHeight > card.clientHeight || word.scrollWidth > word.clientWidth,
      };
    });
    const main = document.querySelector('main')!;
    const page = document.scrollingElement!;
    return { tiles, scrolls: main.scrollHeight > main.clientHeight, pageScrolls: page.scrollHeight > page.clientHeight };
  });
}

/** Pairs of tiles that overlap. */
function overlapping(tiles: Tile[]): string[] {
  return tiles.flatMap((a, i) =>
    tiles.slice(i + 1).flatMap((b) => (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom ? [`${a.name} / ${b.name}`] : [])),
  );
}

function outside(tiles: Tile[], viewport: { width: number; height: number }): string[] {
  return tiles.filter(({ box }) => box.left < 0 || box.top < 0 || box.right > viewport.width || box.bottom > viewport.height).map((tile) => tile.name);
}

type Board = Awaited<ReturnType<typeof board>>;

/** Every name in its own order ("1.01 Harbour", right to left too), starting from the side the board's language starts from. */
function expectNamesAsWritten(tiles: Tile[], lang: string) {
  expect(tiles.filter((tile) => tile.nameLeftToRight !== tile.name).map((tile) => tile.nameLeftToRight), lang).toEqual([]);
  expect(new Set(tiles.map((tile) => tile.nameSide)), lang).toEqual(new Set([lang === 'ar' ? 'right' : 'left']));
}

/** All of `count` rooms on one screen: neither the page nor the board scrolls, no tile over another or off the screen, no text out of its tile nor a status word cut. */
function expectOneScreen({ tiles, scrolls, pageScrolls }: Board, count: number, viewport: { width: number; height: number }, lang: string) {
  expect(tiles, lang).toHaveLength(count);
  expect({ scrolls, pageScrolls }, lang).toEqual({ scrolls: false, pageScrolls: false });
  expect(overlapping(tiles), lang).toEqual([]);
  expect(outside(tiles, viewport), lang).toEqual([]);
  expect(tiles.filter((tile) => tile.overflows).map((tile) => tile.name), lang).toEqual([]);
  expectNamesAsWritten(tiles, lang);
}

/** The status words set smaller than `px`: only one wider than its tile at the board's size, the French for "Waiting for check-in". */
function smallerWords(tiles: Tile[], px: number): string[] {
  return [...new Set(tiles.filter((tile) => tile.wordPx < px).map((tile) => tile.word))];
}

/** Opens the board of `count` rooms at `viewport` in each of `languages`, keeps a screenshot of each, and hands each to `check`. */
async function look(count: number, viewport: { width: number; height: number }, languages: readonly string[], check: (board: Board, lang: string) => void) {
  const bridge = await hub(count);
  for (const lang of languages) {
    const { page, problems, close } = await openDisplayPage(session.browser(), `${bridge.url}/building?lang=${lang}`, { viewport });
    try {
      const seen = await board(page, count);
      await page.screenshot({ path: `${SCREENSHOTS}/building-${count}-rooms-${lang}-${viewport.width}x${viewport.height}.png` });
      check(seen, lang);
      expect(await cutGlyphs(page), lang).toEqual([]);
      expect(problems, lang).toEqual([]);
    } finally {
      await close();
    }
  }
}

/** 30 rooms on one screen in every language, names and status words at least `sizes`, but for the one too wide for its tile. */
async function thirtyOnOneScreen(viewport: { width: number; height: number }, sizes: { wordPx: number; namePx: number }) {
  await look(30, viewport, LANGUAGES, (seen, lang) => {
    expectOneScreen(seen, 30, viewport, lang);
    expect(Math.min(...seen.tiles.map((tile) => tile.namePx)), lang).toBeGreaterThanOrEqual(sizes.namePx);
    expect(smallerWords(seen.tiles, sizes.wordPx), lang).toEqual(lang === 'fr' ? ['En attente d’enregistrement'] : []);
  });
}

describe('the lobby board on a wall', () => {
  it('fits 30 rooms on a 1920x1080 screen, every name and status legible from 5 m, in every language', async () => {
    await thirtyOnOneScreen(WALL, { wordPx: WORD_PX, namePx: NAME_PX });
  });

  it('gives 5 rooms large tiles that fill the screen, not five cards in a corner', async () => {
    for (const viewport of [WALL, LAPTOP]) {
      await look(5, viewport, ['en', 'ar'], (seen, lang) => {
        expectOneScreen(seen, 5, viewport, lang);
        // Two columns or three (Arabic's widest status word, in the kiosk's Noto, makes three the larger text), never more.
        for (const { box } of seen.tiles) {
          expect(box.right - box.left).toBeGreaterThan(viewport.width / 4);
          expect(box.bottom - box.top).toBeGreaterThan(viewport.height / 6);
        }
        // The tiles reach down to the foot of the screen.
        expect(Math.max(...seen.tiles.map(({ box }) => box.bottom))).toBeGreaterThan(viewport.height * 0.9);
        expect(Math.min(...seen.tiles.map((tile) => tile.wordPx))).toBeGreaterThanOrEqual(1.25 * WORD_PX);
      });
    }
  });

  it('turned to portrait, fits 30 rooms without crowding, names legible from 5 m, in every language', async () => {
    await thirtyOnOneScreen(PORTRAIT, PORTRAIT_SIZES);
  });

  it('on a laptop, fits 30 rooms on its one screen, names and status words legible from its distance, in every language', async () => {
    await thirtyOnOneScreen(LAPTOP, LAPTOP_SIZES);
  });

  it('on a laptop, scrolls more rooms than its screen holds at a legible size rather than shrink them', async () => {
    await look(60, LAPTOP, ['en', 'ar'], ({ tiles, scrolls, pageScrolls }, lang) => {
      expect({ scrolls, pageScrolls }, lang).toEqual({ scrolls: true, pageScrolls: false });
      expect(overlapping(tiles), lang).toEqual([]);
      expect(tiles.filter((tile) => tile.overflows).map((tile) => tile.name), lang).toEqual([]);
      // The smallest size that reads on a screen 800 px high (board-fit.ts).
      expect(Math.min(...tiles.map((tile) => tile.namePx)), lang).toBeGreaterThanOrEqual(14.8);
    });
  });

  it('cuts a name too long for its tile at its own end, right to left too: its number and first words stay in sight', async () => {
    const long = '1.01 The Grand Boardroom on the Seventeenth Floor, East Wing';
    const { rooms = [], meetings } = lobby(5);
    const bridge = await hub(5, { rooms: [{ ...rooms[0]!, name: long }, ...rooms.slice(1)], meetings });
    for (const lang of ['en', 'ar']) {
      const { page, problems, close } = await openDisplayPage(session.browser(), `${bridge.url}/building?lang=${lang}`, { viewport: LAPTOP });
      try {
        const name = page.locator('.card .name').filter({ hasText: long });
        await name.waitFor();
        const shown = await name.evaluate((element) => {
          const box = element.getBoundingClientRect();
          const text = element.firstChild!;
          const inSight = (start: number, end: number) => {
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, end);
            const { left, right } = range.getBoundingClientRect();
            return left >= box.left && right <= box.right;
          };
          const content = text.textContent ?? '';
          return { cut: element.scrollWidth > element.clientWidth, start: inSight(0, 'The Grand'.length + 5), end: inSight(content.length - 'East Wing'.length, content.length) };
        });
        expect(shown, lang).toEqual({ cut: true, start: true, end: false });
        expect(problems, lang).toEqual([]);
      } finally {
        await close();
      }
    }
  });
});
