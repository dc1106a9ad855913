/**
 * How the lobby board fills its screen: one size of tile for every room,
 * as large as the rooms and the screen allow, so 5 rooms are 5 big tiles
 * and 30 still read from 5 m. Sizes are in the board's unit (its em, the
 * size of a room's name); the heights below are those of the CSS in
 * BuildingSection.svelte and RoomCard.svelte, kept in step with it.
 */

/** A tile's padding and lines: name 1.15, status word 1.38, until when and seats 0.975 each, padding 0.7. */
export const TILE_EM = 5.2;
/** Between two tiles, across and down. */
export const TILE_GAP_EM = 0.4;
/** A floor's heading, with the space above and below it. */
export const FLOOR_EM = 1.675;
/** A building's heading, with the space before the next building. */
export const BUILDING_EM = 1.92;
/** A tile's padding on both sides (0.55 each), and 0.2 to spare: the canvas measures, the page lays out, a hair apart. */
const TILE_PADDING_EM = 1.3;
/** A longer name is cut with an ellipsis rather than making every tile wider. */
const NAME_MAX_EM = 10;
/** Status words stand out from the name; until when and seats are quieter. */
export const WORD_EM = 1.2;
/**
 * Tiles are made wide enough for a status word up to this width ("Waiting for check-in"); a longer one (French
 * "En attente d’enregistrement", 19.4 em at its size) is set smaller on its own tile (RoomCard.svelte) rather than
 * every tile made wider (30 rooms on a wall: names of 17.6 px, not 24) or a line taller for it to break in two
 * (names of 19.8 px): tiles are one size, and such a board has no height to spare.
 */
const WORD_MAX_EM = 14;
const DETAIL_EM = 0.75;

/** Below this the board scrolls rather than shrink further: a name of 20 px and a status word of 24 px on a screen 1080 px high still read from 5 m. */
export const MIN_UNIT_PX = 20;
/** The screen side (CSS px) at which MIN_UNIT_PX is the smallest size that reads. */
const MIN_UNIT_SCREEN_PX = 1080;
/** However small the screen, names no smaller than this: small print, up close. */
const SMALLEST_UNIT_PX = 14;
/** A few rooms on a large screen get large tiles, not letters taller than a hand. */
export const MAX_UNIT_PX = 96;

export interface BoardShape {
  /** How many rooms each floor shows, every building's floors in turn. */
  floors: readonly number[];
  buildings: number;
}

export interface BoardFit {
  columns: number;
  /** The board's em in CSS px: a room's name is this size. */
  unit: number;
  /** Each row of tiles, in CSS px: taller than a tile needs when the screen has room to spare. */
  rowHeight: number;
  /** More rooms than fit at the smallest legible unit: the board scrolls. */
  scrolls: boolean;
}

/** The largest unit at which the board's rooms fit `width` x `height` CSS px in `columns` columns of tiles `tileWidthEm` wide. */
function unitFor(shape: BoardShape, columns: number, tileWidthEm: number, width: number, height: number) {
  const rows = shape.floors.reduce((sum, rooms) => sum + Math.ceil(rooms / columns), 0);
  const across = width / (columns * tileWidthEm + (columns - 1) * TILE_GAP_EM);
  const headingsEm = shape.floors.length * FLOOR_EM + shape.buildings * BUILDING_EM;
  const down = height / (rows * TILE_EM + (rows - shape.floors.length) * TILE_GAP_EM + headingsEm);
  return { rows, across, headingsEm, unit: Math.min(across, down, MAX_UNIT_PX) };
}

/**
 * The smallest unit that reads on a screen whose shorter side is `screenPx` CSS px. People stand back from a
 * screen in proportion to its size, so a smaller screen, read from nearer, reads smaller letters: a laptop's
 * 1280x800 has 30 rooms on one screen (names of 15 px and more) rather than scroll them at a wall's 20 px.
 */
export function legibleUnit(screenPx: number): number {
  return Math.min(MIN_UNIT_PX, Math.max(SMALLEST_UNIT_PX, (MIN_UNIT_PX * screenPx) / MIN_UNIT_SCREEN_PX));
}

/**
 * Columns and sizes for the board's rooms in a box of `width` x `height` CSS px, each tile at least `tileWidthEm` wide,
 * its names no smaller than `minUnit` px (legibleUnit of the screen).
 */
export function fitBoard(shape: BoardShape, tileWidthEm: number, width: number, height: number, minUnit = MIN_UNIT_PX): BoardFit {
  const mostOnAFloor = Math.max(1, ...shape.floors);
  let best = { columns: 1, ...unitFor(shape, 1, tileWidthEm, width, height) };
  for (let columns = 2; columns <= mostOnAFloor; columns += 1) {
    const fit = unitFor(shape, columns, tileWidthEm, width, height);
    if (fit.unit > best.unit) best = { columns, ...fit };
  }
  if (best.unit >= minUnit) {
    // Whatever height the tiles' text leaves goes to the tiles: they fill the screen. A pixel spare keeps rounding from scrolling.
    const rowsHeight = height - 1 - best.unit * (best.headingsEm + (best.rows - shape.floors.length) * TILE_GAP_EM);
    const rowHeight = best.rows === 0 ? best.unit * TILE_EM : Math.max(best.unit * TILE_EM, rowsHeight / best.rows);
    return { columns: best.columns, unit: best.unit, rowHeight, scrolls: false };
  }
  // Too many rooms for one screen: legible tiles, as many across as fit, and the board scrolls.
  let columns = 1;
  while (columns < mostOnAFloor && unitFor(shape, columns + 1, tileWidthEm, width, height).across >= minUnit) columns += 1;
  const unit = Math.min(minUnit, unitFor(shape, columns, tileWidthEm, width, height).across);
  return { columns, unit, rowHeight: unit * TILE_EM, scrolls: true };
}

/** A text's width in em of its own font size at a CSS font weight. */
export type MeasureEm = (text: string, weight: number) => number;

/** The texts of one tile, as RoomCard.svelte shows them. */
export interface TileTexts {
  name: string;
  word: string;
  until: string;
  seats: string | null;
}

/** How wide every tile must be for the widest status word (up to WORD_MAX_EM) and line under it to show whole, and names up to NAME_MAX_EM. */
export function tileWidthEm(tiles: readonly TileTexts[], measure: MeasureEm): number {
  let widest = 0;
  for (const tile of tiles) {
    widest = Math.max(
      widest,
      Math.min(NAME_MAX_EM, measure(tile.name, 700)),
      Math.min(WORD_MAX_EM, WORD_EM * measure(tile.word, 600)),
      DETAIL_EM * measure(tile.until, 400),
      tile.seats === null ? 0 : DETAIL_EM * measure(tile.seats, 400),
    );
  }
  return widest + TILE_PADDING_EM;
}
