import type { MeasureEm } from './board-fit.ts';

/**
 * Measures texts as the page draws them in `fontFamily`, on a canvas
 * (https://developer.mozilla.org/en-US/docs/Web/API/CanvasRenderingContext2D/measureText),
 * each text once: a building's status words and times repeat on every push.
 */
export function canvasMeasure(fontFamily: string): MeasureEm {
  const context = document.createElement('canvas').getContext('2d');
  const known = new Map<string, number>();
  return (text, weight) => {
    const key = `${weight} ${text}`;
    let width = known.get(key);
    if (width === undefined) {
      // Without a canvas (none is known to lack one), a generous average glyph keeps the tiles wide enough.
      if (context) context.font = `${weight} 100px ${fontFamily}`;
      width = context ? context.measureText(text).width / 100 : text.length * 0.65;
      known.set(key, width);
    }
    return width;
  };
}
