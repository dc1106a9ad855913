import { HIGHEST_FLOOR, LOWEST_FLOOR } from '../../../shared/constants.ts';
import { allPlaces, type GraphGet } from './places-paging.ts';

/** A room of the tenant's room directory (Graph Places), as the admin page lists it. */
export interface M365Room {
  mailbox: string;
  name: string;
  capacity: number | null;
  building: string | null;
  floor: string | null;
}

export interface M365RoomList {
  mailbox: string;
  name: string;
}

export const ROOMS_PER_PAGE = 25;
const ROOMS = '/places/microsoft.graph.room';
const ROOM_LISTS = '/places/microsoft.graph.roomlist';

/** A room's capacity: Graph's room resource says Int32, its own examples send a string ("50"); either is read. */
function capacityOf(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : null;
}

/** Graph's answer is outside input: keep what has the expected shape, drop the rest. */
function toRoom(raw: unknown): M365Room | null {
  if (!raw || typeof raw !== 'object') return null;
  const room = raw as Record<string, unknown>;
  const mailbox = typeof room.emailAddress === 'string' ? room.emailAddress.trim() : '';
  if (!mailbox.includes('@')) return null;
  const name = typeof room.displayName === 'string' && room.displayName.trim() ? room.displayName.trim() : mailbox;
  const capacity = capacityOf(room.capacity);
  const building = typeof room.building === 'string' && room.building.trim() ? room.building.trim() : null;
  const floor = typeof room.floorNumber === 'number' ? String(room.floorNumber) : typeof room.floorLabel === 'string' && room.floorLabel ? room.floorLabel : null;
  return { mailbox, name, capacity, building, floor };
}

function toRoomList(raw: unknown): M365RoomList | null {
  const room = toRoom(raw);
  return room ? { mailbox: room.mailbox, name: room.name } : null;
}

/**
 * Where the bridge's room for `room` is: Graph's building, and its floor
 * when that is a floor number the bridge takes (a label such as
 * "Mezzanine" places no floor).
 */
export function roomLocation(room: M365Room): { building: string | null; floor: number | null } {
  const floor = room.floor !== null && /^-?\d{1,3}$/.test(room.floor) ? Number(room.floor) : null;
  const known = floor !== null && floor >= LOWEST_FLOOR && floor <= HIGHEST_FLOOR;
  return { building: room.building?.slice(0, 100) ?? null, floor: known ? floor : null };
}

/** Every word of the query in the room's name, email or building, in any case. */
export function matchesQuery(room: M365Room, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = `${room.name} ${room.mailbox} ${room.building ?? ''}`.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The tenant's rooms, found in the browser with the admin's own Graph token
 * (the bridge never needs Place.Read.All for this), filtered and shown a
 * page at a time so 150+ rooms stay usable on a phone. Room lists load
 * once; a list's members load the first time it is picked.
 */
export class RoomDiscovery {
  rooms = $state.raw<M365Room[]>([]);
  roomLists = $state.raw<M365RoomList[]>([]);
  /** Lower-cased mailboxes of each room list's rooms, by the list's lower-cased mailbox. */
  listMembers = $state.raw<Record<string, string[]>>({});
  loading = $state(false);
  listLoading = $state(false);
  problem = $state<string | null>(null);
  discovered = $state(false);
  query = $state('');
  /** The room list to show, by its mailbox; empty for all rooms. */
  list = $state('');
  page = $state(0);

  filtered: M365Room[] = $derived.by(() => {
    const members = this.list ? this.listMembers[this.list.toLowerCase()] : undefined;
    return this.rooms.filter((room) => (!members || members.includes(room.mailbox.toLowerCase())) && matchesQuery(room, this.query));
  });
  pageCount: number = $derived(Math.max(1, Math.ceil(this.filtered.length / ROOMS_PER_PAGE)));
  visible: M365Room[] = $derived(this.filtered.slice(this.page * ROOMS_PER_PAGE, (this.page + 1) * ROOMS_PER_PAGE));

  readonly #get: GraphGet;

  constructor(get: GraphGet) {
    this.#get = get;
  }

  /** Loads (or reloads) every room and room list of the tenant. */
  async discover(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.problem = null;
    try {
      const [rooms, lists] = await Promise.all([
        allPlaces(this.#get, ROOMS),
        // Room lists are a convenience: a tenant without any (or a refusal) still lists its rooms.
        allPlaces(this.#get, ROOM_LISTS).catch(() => []),
      ]);
      this.rooms = rooms.flatMap((raw) => toRoom(raw) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      this.roomLists = lists.flatMap((raw) => toRoomList(raw) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      this.listMembers = {};
      if (!this.roomLists.some((list) => list.mailbox === this.list)) this.list = '';
      this.page = Math.min(this.page, this.pageCount - 1);
      this.discovered = true;
      if (this.list) await this.chooseList(this.list);
    } catch (error) {
      this.problem = describe(error);
    } finally {
      this.loading = false;
    }
  }

  search(query: string): void {
    this.query = query;
    this.page = 0;
  }

  async chooseList(mailbox: string): Promise<void> {
    this.list = mailbox;
    this.page = 0;
    const key = mailbox.toLowerCase();
    if (!mailbox || key in this.listMembers) return;
    this.listLoading = true;
    try {
      const rooms = await allPlaces(this.#get, `/places/${encodeURIComponent(mailbox)}/microsoft.graph.roomlist/rooms`);
      const members = rooms.flatMap((raw) => toRoom(raw)?.mailbox.toLowerCase() ?? []);
      this.listMembers = { ...this.listMembers, [key]: members };
    } catch (error) {
      this.problem = describe(error);
      this.list = '';
    } finally {
      this.listLoading = false;
    }
  }

  goToPage(page: number): void {
    this.page = Math.max(0, Math.min(page, this.pageCount - 1));
  }
}
