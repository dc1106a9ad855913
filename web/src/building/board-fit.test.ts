import { describe, expect, it } from 'vitest';
import { BUILDING_EM, fitBoard, FLOOR_EM, legibleUnit, MAX_UNIT_PX, MIN_UNIT_PX, TILE_EM, TILE_GAP_EM, tileWidthEm, type BoardFit, type BoardShape } from './board-fit.ts';

/** A tile as wide as "Waiting for check-in" needs, in a typical sans-serif. */
const TILE_WIDTH_EM = 14;
/** 1920x1080 less the board's margins and its heading with the clock. */
const LANDSCAPE = { width: 1850, height: 940 };
/** 1080x1920, the same screen turned. */
const PORTRAIT = { width: 1030, height: 1760 };
/** A 1280x800 laptop less the board's margins and its heading. */
const LAPTOP = { width: 1232, height: 698 };

/** How tall the board is with this fit: the arithmetic the page's CSS follows. */
function boardHeight(shape: BoardShape, fit: BoardFit): number {
  const rows = shape.floors.reduce((sum, rooms) => sum + Math.ceil(rooms / fit.columns), 0);
  return rows * fit.rowHeight + fit.unit * ((rows - shape.floors.length) * TILE_GAP_EM + shape.floors.length * FLOOR_EM + shape.buildings * BUILDING_EM);
}

function boardWidth(fit: BoardFit): number {
  return fit.unit * (fit.columns * TILE_WIDTH_EM + (fit.columns - 1) * TILE_GAP_EM);
}

describe('the lobby board fills its screen', () => {
  it('gives 30 rooms on three floors of a 1920x1080 screen tiles that all fit, with names of 23 px and more', () => {
    const shape = { floors: [10, 10, 10], buildings: 1 };
    const fit = fitBoard(shape, TILE_WIDTH_EM, LANDSCAPE.width, LANDSCAPE.height);
    expect(fit).toMatchObject({ columns: 5, scrolls: false });
    expect(fit.unit).toBeGreaterThanOrEqual(23);
    expect(boardHeight(shape, fit)).toBeLessThanOrEqual(LANDSCAPE.height);
    expect(boardWidth(fit)).toBeLessThanOrEqual(LANDSCAPE.width);
  });

  it('gives 30 rooms on three floors of a 1280x800 laptop tiles that all fit, with names of 15 px and more, where a wall would scroll them', () => {
    const shape = { floors: [10, 10, 10], buildings: 1 };
    expect(fitBoard(shape, TILE_WIDTH_EM, LAPTOP.width, LAPTOP.height, MIN_UNIT_PX).scrolls).toBe(true);
    const fit = fitBoard(shape, TILE_WIDTH_EM, LAPTOP.width, LAPTOP.height, legibleUnit(800));
    expect(fit).toMatchObject({ columns: 5, scrolls: false });
    expect(fit.unit).toBeGreaterThanOrEqual(15);
    expect(boardHeight(shape, fit)).toBeLessThanOrEqual(LAPTOP.height);
    expect(boardWidth(fit)).toBeLessThanOrEqual(LAPTOP.width);
  });

  it('gives 5 rooms large tiles that take the whole height, not five cards in a corner', () => {
    const shape = { floors: [2, 2, 1], buildings: 1 };
    const fit = fitBoard(shape, TILE_WIDTH_EM, LANDSCAPE.width, LANDSCAPE.height);
    expect(fit.unit).toBeGreaterThanOrEqual(40);
    expect(fit.rowHeight).toBeGreaterThan(LANDSCAPE.height / 5);
    expect(boardHeight(shape, fit)).toBeGreaterThan(LANDSCAPE.height - 2);
    expect(boardHeight(shape, fit)).toBeLessThanOrEqual(LANDSCAPE.height);
  });

  it('turned to portrait, stacks fewer tiles across, no smaller', () => {
    const shape = { floors: [10, 10, 10], buildings: 1 };
    const fit = fitBoard(shape, TILE_WIDTH_EM, PORTRAIT.width, PORTRAIT.height);
    expect(fit.columns).toBeLessThan(5);
    expect(fit.unit).toBeGreaterThanOrEqual(MIN_UNIT_PX);
    expect(boardWidth(fit)).toBeLessThanOrEqual(PORTRAIT.width);
    expect(boardHeight(shape, fit)).toBeLessThanOrEqual(PORTRAIT.height);
  });

  it('makes one room a large tile, its letters no taller than the largest unit', () => {
    const fit = fitBoard({ floors: [1], buildings: 1 }, TILE_WIDTH_EM, LANDSCAPE.width, LANDSCAPE.height);
    expect(fit).toMatchObject({ columns: 1, unit: MAX_UNIT_PX, scrolls: false });
    expect(fit.rowHeight).toBeGreaterThan(TILE_EM * MAX_UNIT_PX);
  });

  it('scrolls 1,000 rooms at a legible size, as many across as fit', () => {
    const fit = fitBoard({ floors: Array.from({ length: 40 }, () => 25), buildings: 4 }, TILE_WIDTH_EM, LANDSCAPE.width, LANDSCAPE.height);
    expect(fit).toMatchObject({ unit: MIN_UNIT_PX, rowHeight: TILE_EM * MIN_UNIT_PX, scrolls: true });
    expect(boardWidth(fit)).toBeLessThanOrEqual(LANDSCAPE.width);
    expect(boardWidth({ ...fit, columns: fit.columns + 1 })).toBeGreaterThan(LANDSCAPE.width);
  });

  it('on a phone too narrow for one tile at the smallest size, makes the one column fit across', () => {
    const fit = fitBoard({ floors: [40], buildings: 1 }, TILE_WIDTH_EM, 240, 600);
    expect(fit.columns).toBe(1);
    expect(boardWidth(fit)).toBeLessThanOrEqual(240);
  });
});

describe('the smallest legible size', () => {
  it('is 20 px on a screen 1080 px high or more, in proportion on a smaller one read from nearer, and 14 px however small', () => {
    expect([3840, 1080, 900, 800, 480].map(legibleUnit)).toEqual([20, 20, (20 * 900) / 1080, (20 * 800) / 1080, 14]);
  });
});

describe('a tile is wide enough', () => {
  /** Every character half an em wide. */
  const halfEm = (text: string) => text.length / 2;

  it('for the widest status word at its size and the line under it, with its padding', () => {
    const width = tileWidthEm(
      [
        { name: 'Loft', word: 'Busy', until: 'Free at 11:00', seats: '4 seats' },
        { name: 'Dock', word: 'Waiting for check-in', until: 'Free until 10:05', seats: null },
      ],
      halfEm,
    );
    expect(width).toBeCloseTo(1.2 * 10 + 1.3);
  });

  it('for status words up to 14 em: a longer one is set smaller on its own tile', () => {
    const width = tileWidthEm([{ name: 'Loft', word: 'En attente d’enregistrement', until: 'Libre à 11:00', seats: null }], halfEm);
    expect(width).toBeCloseTo(14 + 1.3);
  });

  it('for names up to 10 em: a longer one is cut, not every tile made wider', () => {
    const width = tileWidthEm([{ name: 'The Grand Boardroom on the Seventeenth Floor, East Wing', word: 'Busy', until: 'Free at 11:00', seats: null }], halfEm);
    expect(width).toBeCloseTo(10 + 1.3);
  });
});
