/**
 * Screen care: the whole layout moves a few pixels every few minutes, through
 * a fixed cycle of positions, so static edges do not burn into the panel.
 */
const STEP_MS = 3 * 60_000;
const POSITIONS: readonly (readonly [number, number])[] = [
  [0, 0],
  [3, 1],
  [1, 3],
  [-2, 2],
  [-3, -1],
  [-1, -3],
  [2, -2],
  [3, 3],
];

export function burnInOffset(now: number): { x: number; y: number } {
  const [x, y] = POSITIONS[Math.floor(now / STEP_MS) % POSITIONS.length] ?? [0, 0];
  return { x, y };
}
