/**
 * The charts' colours on the admin page's dark panels. Each says the same as
 * a text beside it (a label, a number in the cell, the table), so colour is
 * never the only way to tell. Graphics keep 3:1 against the panel (#1e293b),
 * numbers on a cell 4.5:1 against that cell.
 */
export const BAR_COLOURS = {
  /** 5.8:1 on the panel. */
  booked: '#60a5fa',
  /** 8.8:1 on the panel; blue and amber stay apart for every kind of colour blindness. */
  occupied: '#fbbf24',
} as const;

/** Where the heatmap's colours change: a share of the rooms' time below 20 %, to 40 %, and so on. */
export const SHARE_STEPS = [0.2, 0.4, 0.6, 0.8] as const;

/** Darker is emptier. The first blends into the panel: cells have an outline. */
export const SHARE_COLOURS = ['#172554', '#1e40af', '#2563eb', '#60a5fa', '#bfdbfe'] as const;

/** The number's colour on each: white on the dark three (5.2:1 or more), near black on the light two (7:1 or more). */
const SHARE_INKS = ['#ffffff', '#ffffff', '#ffffff', '#0f172a', '#0f172a'] as const;

export const CELL_OUTLINE = '#475569';

/** Which of SHARE_COLOURS a share falls in. */
export function shareStep(share: number): number {
  const step = SHARE_STEPS.findIndex((limit) => share < limit);
  return step === -1 ? SHARE_STEPS.length : step;
}

export const shareInk = (share: number) => SHARE_INKS[shareStep(share)]!;
