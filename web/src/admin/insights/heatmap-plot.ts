import * as Plot from '@observablehq/plot';
import { CELL_OUTLINE, SHARE_COLOURS, SHARE_STEPS, shareInk } from './chart-colours.ts';
import type { HeatmapGrid } from './heatmap-grid.ts';
import type { InsightsFormat } from './insights-format.ts';

const CELL_HEIGHT = 30;
const AXIS_HEIGHT = 28;
const FONT_PX = 12;
/** Narrower columns (a phone) label every other hour and leave the numbers to the table. */
const LABELLED_COLUMN = 36;

export interface HeatmapOptions {
  grid: HeatmapGrid;
  measure: 'booked' | 'occupied';
  width: number;
  rtl: boolean;
  format: InsightsFormat;
}

interface Cell {
  weekday: number;
  hour: number;
  share: number;
}

/**
 * Weekdays down, hours across (from the right, right to left), each cell
 * coloured by its share and, unless empty, labelled with it: the colour is
 * never the only way to read a cell.
 */
export function drawHeatmap({ grid, measure, width, rtl, format }: HeatmapOptions): SVGSVGElement | HTMLElement {
  const cells: Cell[] = grid.weekdays.flatMap((day) => day.slots.flatMap((slot) => (slot[measure] === null ? [] : [{ weekday: slot.weekday, hour: slot.hour, share: slot[measure] }])));
  const weekdayMargin = 16 + Math.max(...grid.weekdays.map((day) => format.weekday(day.weekday).length)) * FONT_PX * 0.65;
  const wide = (width - weekdayMargin) / grid.hours.length >= LABELLED_COLUMN;
  const labelled = wide ? cells.filter((cell) => cell.share > 0) : [];
  const numbers = (ink: string) =>
    Plot.text(
      labelled.filter((cell) => shareInk(cell.share) === ink),
      { x: 'hour', y: 'weekday', text: (cell: Cell) => format.percent(cell.share), fill: ink, fontSize: FONT_PX },
    );
  return Plot.plot({
    width,
    height: AXIS_HEIGHT + grid.weekdays.length * CELL_HEIGHT,
    marginTop: AXIS_HEIGHT,
    marginBottom: 0,
    marginLeft: rtl ? 4 : weekdayMargin,
    marginRight: rtl ? weekdayMargin : 4,
    x: { type: 'band', domain: grid.hours, reverse: rtl, label: null, axis: null },
    y: { type: 'band', domain: grid.weekdays.map((day) => day.weekday), label: null, axis: null },
    color: { type: 'threshold', domain: [...SHARE_STEPS], range: [...SHARE_COLOURS] },
    marks: [
      Plot.axisX({ anchor: 'top', tickSize: 0, tickFormat: (hour: number) => (wide || hour % 2 === 0 ? format.hour(hour) : ''), fontSize: FONT_PX }),
      Plot.axisY({ anchor: rtl ? 'right' : 'left', tickSize: 0, tickPadding: 8, tickFormat: (weekday: number) => format.weekday(weekday), fontSize: FONT_PX }),
      Plot.cell(cells, { x: 'hour', y: 'weekday', fill: 'share', stroke: CELL_OUTLINE, inset: 1 }),
      ...[...new Set(labelled.map((cell) => shareInk(cell.share)))].map(numbers),
    ],
  });
}
