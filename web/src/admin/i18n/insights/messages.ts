import type { RangeChoice } from '../../insights/insights-range.ts';

/**
 * The texts of the admin page's Insights section, which load with its own
 * chunk when an admin opens it. Numbers, shares, hours and dates arrive
 * formatted by Intl in the admin's locale.
 */
export interface InsightsMessages {
  filters: string;
  range: string;
  ranges: Record<RangeChoice, string>;
  from: string;
  to: string;
  rangeInvalid: string;
  building: string;
  allBuildings: string;
  floor: string;
  allFloors: string;
  floorName: (floor: string) => string;
  room: string;
  allRooms: string;
  /** `range`: the first and last date, formatted together. */
  showing: (range: string) => string;
  noMeetings: string;
  noMeetingsHint: string;
  /** What to do when the bridge did not answer, after the reason. */
  failedHint: string;
  downloadCsv: string;
  preparingCsv: string;

  overallHeading: string;
  meetings: string;
  booked: string;
  occupied: string;
  ofOfficeHours: string;
  noSensor: string;
  /** The occupied share is of the office hours of the rooms with a sensor only. */
  sensorRooms: (rooms: string, of: string) => string;
  noShows: string;
  /** "5 of 42": some of a whole. */
  countOf: (count: string, of: string) => string;
  ghostMeetings: string;
  ghostMeaning: string;
  endedEarly: string;
  walkUps: string;
  walkUpsByPhone: (count: string) => string;
  byPhone: string;
  medianLength: string;
  medianPeople: string;
  peopleOfSeats: (people: string, seats: string) => string;
  /** A median of people where no sensor counts people. */
  notCounted: string;
  /** A median of no meetings. */
  none: string;
  noOfficeHours: string;

  roomsHeading: string;
  roomsChart: string;
  /** `busiestShare`, `leastShare`: the booked shares. */
  busiestAndLeast: (busiest: string, busiestShare: string, least: string, leastShare: string) => string;
  onlyRoom: (room: string, share: string) => string;
  /** Which bar is which, in words as well as in colour. */
  barLegend: { booked: string; occupied: string };

  placesHeading: string;
  placesMedians: string;
  place: string;
  rooms: string;
  noBuilding: string;
  noFloor: string;

  heatmapHeading: string;
  heatmapChart: string;
  /** `slot`: a `slot` text. */
  mostBooked: (slot: string, share: string) => string;
  mostOccupied: (slot: string, share: string) => string;
  nothingBooked: string;
  nothingSensed: string;
  slot: (weekday: string, hour: string) => string;
  shareLegend: string;
  shareBelow: (high: string) => string;
  shareBetween: (low: string, high: string) => string;
  shareFrom: (low: string) => string;
  showAsTable: string;
  hour: string;
}
