import { InsightsAnswer, type InsightsQuery } from '../../../../shared/insights.ts';
import { AdminApiError, asAdminApiError, type AdminApi } from '../admin-api.ts';
import { DEFAULT_RANGE, isValidRange, presetRange, type DateRange, type RangeChoice } from './insights-range.ts';
import { withPlaces, type RoomPlace } from './place-choices.ts';

/** What the admin chose to see. A room, when chosen, is asked for alone; building and floor then only narrow the room list. */
export interface InsightsFilter extends DateRange {
  range: RangeChoice;
  building: string | null;
  floor: number | null;
  roomId: string | null;
}

export interface InsightsViewDeps {
  api: Pick<AdminApi, 'insights' | 'insightsCsv'>;
  /** The admin's local date, `YYYY-MM-DD`: presets end on it. */
  today: () => string;
  /** The bridge refused the admin's token: the page goes back to signing in. */
  unauthorized: (error: AdminApiError) => void;
}

/**
 * The Insights section's state: the filters, the bridge's answer for them,
 * and the CSV of the same. Every change of a filter asks again; an answer to
 * an earlier question that arrives late is dropped. The rooms' places (for
 * the building and floor filters) are learnt from every answer, since the
 * admin's status names rooms without saying where they are.
 */
export class InsightsView {
  filter: InsightsFilter;
  answer = $state.raw<InsightsAnswer | null>(null);
  loading = $state(false);
  problem = $state.raw<AdminApiError | null>(null);
  places = $state.raw<RoomPlace[]>([]);
  downloading = $state(false);
  csvProblem = $state.raw<AdminApiError | null>(null);

  readonly #deps: InsightsViewDeps;
  #asked = 0;

  constructor(deps: InsightsViewDeps) {
    this.#deps = deps;
    this.filter = $state.raw({ range: DEFAULT_RANGE, ...presetRange(DEFAULT_RANGE, deps.today()), building: null, floor: null, roomId: null });
  }

  /** What the bridge is asked, or null while the admin's own dates are not a range. */
  get query(): InsightsQuery | null {
    const { from, to, building, floor, roomId } = this.filter;
    if (!isValidRange({ from, to })) return null;
    if (roomId !== null) return { from, to, roomId };
    return { from, to, ...(building === null ? {} : { building }), ...(floor === null ? {} : { floor }) };
  }

  /** Rooms the page knows by name (the admin's status), until an answer says where they are. */
  knowRooms(rooms: readonly { id: string; name: string }[]): void {
    const unknown = rooms.filter((room) => !this.places.some((place) => place.roomId === room.id));
    if (unknown.length > 0) this.places = withPlaces(this.places, unknown.map((room) => ({ roomId: room.id, roomName: room.name, building: null, floor: null })));
  }

  /** A preset's dates from today, or the admin's own. */
  chooseRange(range: RangeChoice, dates: Partial<DateRange> = {}): Promise<void> {
    const own = range === 'custom' ? { from: dates.from ?? this.filter.from, to: dates.to ?? this.filter.to } : presetRange(range, this.#deps.today());
    return this.#change({ ...this.filter, range, ...own });
  }

  /** A building, a floor, a room (null: all). A room chosen elsewhere than the new building and floor is let go. */
  choosePlace(place: Partial<Pick<InsightsFilter, 'building' | 'floor' | 'roomId'>>): Promise<void> {
    const next = { ...this.filter, ...place };
    const floorThere = this.places.some((each) => (next.building === null || each.building === next.building) && each.floor === next.floor);
    if ('building' in place && next.floor !== null && !floorThere) next.floor = null;
    const room = this.places.find((each) => each.roomId === next.roomId);
    if (!room || (next.building !== null && room.building !== next.building) || (next.floor !== null && room.floor !== next.floor)) next.roomId = null;
    return this.#change(next);
  }

  load = async (): Promise<void> => {
    const query = this.query;
    const asked = ++this.#asked;
    // Dates that are not a range ask nothing; the filters say why.
    this.loading = query !== null;
    if (!query) return;
    this.problem = null;
    try {
      const answer = parseAnswer(await this.#deps.api.insights(query));
      if (asked !== this.#asked) return;
      this.answer = answer;
      this.places = withPlaces(this.places, answer.rooms);
    } catch (error) {
      if (asked !== this.#asked) return;
      this.#refused((this.problem = asAdminApiError(error)));
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  };

  /** The CSV for the filters shown, with its file name; null when it could not be had (`csvProblem` says why). */
  async csv(): Promise<{ file: Blob; name: string } | null> {
    const query = this.query;
    if (!query || this.downloading) return null;
    this.downloading = true;
    this.csvProblem = null;
    try {
      // Named as the bridge names it (its Content-Disposition), which a download from memory does not see.
      return { file: await this.#deps.api.insightsCsv(query), name: `lintel-insights-${query.from}-${query.to}.csv` };
    } catch (error) {
      this.#refused((this.csvProblem = asAdminApiError(error)));
      return null;
    } finally {
      this.downloading = false;
    }
  }

  #change(filter: InsightsFilter): Promise<void> {
    this.filter = filter;
    return this.load();
  }

  #refused(error: AdminApiError): void {
    if (error.code === 'unauthorized') this.#deps.unauthorized(error);
  }
}

/** An answer the page cannot read is the bridge's fault, said as such rather than drawn wrong. */
function parseAnswer(raw: unknown): InsightsAnswer {
  const parsed = InsightsAnswer.safeParse(raw);
  if (!parsed.success) throw new AdminApiError('internal', `The bridge's insights did not have the expected shape: ${parsed.error.message}`, 200);
  return parsed.data;
}
