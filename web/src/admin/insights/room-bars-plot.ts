import * as Plot from '@observablehq/plot';
import type { RoomUsage } from '../../../../shared/insights.ts';
import type { InsightsMessages } from '../i18n/insights/index.ts';
import { BAR_COLOURS } from './chart-colours.ts';
import type { InsightsFormat } from './insights-format.ts';
import { bookedShare } from './usage-sums.ts';

/** Each room's band: its two bars and the gap to the next room. */
const ROOM_STEP = 48;
/** paddingInner and paddingOuter alike: then the bands are exactly ROOM_STEP apart (d3's band scale). */
const PADDING = 0.25;
const FONT_PX = 12;
/** Room names longer than this many characters end in an ellipsis; the table has them whole. */
const NAME_CHARS = 24;
const AXIS_HEIGHT = 30;
/** Room at the end of the longest bar for its label. */
const LABEL_ROOM = 64;

export interface RoomBarsOptions {
  /** Busiest first. */
  rooms: readonly RoomUsage[];
  width: number;
  rtl: boolean;
  t: InsightsMessages;
  format: InsightsFormat;
}

interface Bar {
  roomId: string;
  share: number;
  label: string;
}

/**
 * Each room's booked (upper bar) and occupied (lower bar) share of its
 * office hours, busiest at the top, each bar with its number at its end.
 * Right to left, the bars grow from the right and the names stand right.
 */
export function drawRoomBars({ rooms, width, rtl, t, format }: RoomBarsOptions): SVGSVGElement | HTMLElement {
  const names = new Map(rooms.map((room) => [room.roomId, room.roomName]));
  const booked: Bar[] = rooms.map((room) => ({ roomId: room.roomId, share: bookedShare(room), label: format.percent(bookedShare(room)) }));
  const occupied: Bar[] = rooms.map((room) => {
    const share = room.occupiedMinutes !== null && room.officeMinutes > 0 ? room.occupiedMinutes / room.officeMinutes : null;
    return { roomId: room.roomId, share: share ?? 0, label: share === null ? t.noSensor : format.percent(share) };
  });
  const nameChars = Math.min(NAME_CHARS, Math.max(...rooms.map((room) => room.roomName.length)));
  const nameMargin = 16 + Math.ceil(nameChars * FONT_PX * 0.6);
  const half = (ROOM_STEP * (1 - PADDING)) / 2;
  const start = rtl ? 'end' : 'start';
  const outward = rtl ? -4 : 4;
  const bars = (data: Bar[], fill: string, inset: { insetTop?: number; insetBottom?: number }) => Plot.barX(data, { x: 'share', y: 'roomId', fill, ...inset });
  const labels = (data: Bar[], dy: number) => Plot.text(data, { x: 'share', y: 'roomId', text: 'label', dy, dx: outward, textAnchor: start, fill: 'currentColor' });
  return Plot.plot({
    width,
    height: AXIS_HEIGHT + (rooms.length + PADDING) * ROOM_STEP,
    marginTop: 0,
    marginBottom: AXIS_HEIGHT,
    marginLeft: rtl ? LABEL_ROOM : nameMargin,
    marginRight: rtl ? nameMargin : LABEL_ROOM,
    x: { domain: [0, 1], reverse: rtl, label: null, tickFormat: format.percent, grid: true },
    y: { domain: rooms.map((room) => room.roomId), padding: PADDING, round: false, label: null, axis: null },
    marks: [
      Plot.axisY({ anchor: rtl ? 'right' : 'left', tickSize: 0, tickPadding: 8, tickFormat: (roomId: string) => names.get(roomId) ?? roomId, lineWidth: nameChars * 0.6, textOverflow: 'ellipsis', fontSize: FONT_PX }),
      bars(booked, BAR_COLOURS.booked, { insetBottom: half + 1 }),
      bars(occupied, BAR_COLOURS.occupied, { insetTop: half + 1 }),
      labels(booked, -half / 2),
      labels(occupied, half / 2),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  });
}
