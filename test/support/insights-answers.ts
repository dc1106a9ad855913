import type { HeatmapCell, InsightsAnswer, RoomUsage, UsageNumbers } from '../../shared/insights.ts';

/** Builders for the admin page's Insights tests: a room's numbers with sensible defaults and the fields a test cares about. */
export function roomUsage(roomId: string, extra: Partial<RoomUsage> = {}): RoomUsage {
  return {
    roomId,
    roomName: roomId[0]!.toUpperCase() + roomId.slice(1),
    building: null,
    floor: null,
    capacity: null,
    meetings: 0,
    bookedMinutes: 0,
    occupiedMinutes: null,
    officeMinutes: 20 * 9 * 60,
    noShows: 0,
    ghostMeetings: null,
    endedEarly: 0,
    walkUps: 0,
    walkUpsByPhone: 0,
    medianMeetingMinutes: null,
    medianPeople: null,
    ...extra,
  };
}

/** Every weekday × hour, empty but for `cells`. */
export function heatmap(cells: HeatmapCell[] = []): HeatmapCell[] {
  return Array.from({ length: 7 * 24 }, (_, index) => {
    const weekday = Math.floor(index / 24) + 1;
    const hour = index % 24;
    return cells.find((cell) => cell.weekday === weekday && cell.hour === hour) ?? { weekday, hour, bookedMinutes: 0, occupiedMinutes: null };
  });
}

/** An answer for these rooms over 4 weeks (Monday 2 to Sunday 29 November 2026), `overall` their sums with the medians given. */
export function insightsAnswer(rooms: RoomUsage[], cells: HeatmapCell[] = [], medians: Pick<UsageNumbers, 'medianMeetingMinutes' | 'medianPeople'> = { medianMeetingMinutes: null, medianPeople: null }): InsightsAnswer {
  const sum = (pick: (room: RoomUsage) => number) => rooms.reduce((total, room) => total + pick(room), 0);
  const sensed = rooms.filter((room) => room.occupiedMinutes !== null);
  return {
    from: '2026-11-02',
    to: '2026-11-29',
    rooms,
    overall: {
      meetings: sum((room) => room.meetings),
      bookedMinutes: sum((room) => room.bookedMinutes),
      occupiedMinutes: sensed.length ? sum((room) => room.occupiedMinutes ?? 0) : null,
      officeMinutes: sum((room) => room.officeMinutes),
      noShows: sum((room) => room.noShows),
      ghostMeetings: sensed.length ? sum((room) => room.ghostMeetings ?? 0) : null,
      endedEarly: sum((room) => room.endedEarly),
      walkUps: sum((room) => room.walkUps),
      walkUpsByPhone: sum((room) => room.walkUpsByPhone),
      ...medians,
    },
    heatmap: heatmap(cells),
  };
}
