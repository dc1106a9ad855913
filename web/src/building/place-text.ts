import type { RoomLocation } from '../../../shared/model.ts';
import type { BuildingMessages } from './i18n/index.ts';

/** Where a room is, as one line: "Harbour House · Floor 2"; empty when its place is not known. */
export function placeText(location: RoomLocation, own: BuildingMessages, count: (n: number) => string): string {
  const floor = location.floor === null ? null : own.floor(count(location.floor));
  return [location.building, floor].filter((part) => part !== null).join(' · ');
}
