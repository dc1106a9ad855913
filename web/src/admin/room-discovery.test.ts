import { describe, expect, it } from 'vitest';
import { allPlaces, type GraphGet } from './places-paging.ts';
import { matchesQuery, RoomDiscovery, roomLocation } from './room-discovery.svelte.ts';

const GRAPH = 'https://127.0.0.1:8443/v1.0';

/**
 * A tenant of `count` rooms in two buildings, served as Graph's Places serves
 * them: at most `$top`, from `$skip`, with an `@odata.nextLink` unless
 * `nextLink` is false (place-list.md documents only `$top` and `$skip`), and
 * capacities as numbers or, as the doc's own example has them, strings.
 */
function fakeGraph(count: number, lists: Record<string, number[]> = {}, options: { nextLink?: boolean; capacityAsString?: boolean } = {}) {
  const rooms = Array.from({ length: count }, (_, i) => ({
    '@odata.type': '#microsoft.graph.room',
    id: `r${i}`,
    displayName: `Room ${String(i).padStart(3, '0')}`,
    emailAddress: `room${i}@contoso.example`,
    capacity: i % 10 === 0 ? null : options.capacityAsString ? String(4 + (i % 8)) : 4 + (i % 8),
    building: i % 2 === 0 ? 'North' : 'South',
    floorNumber: i % 5,
  }));
  const requests: string[] = [];
  const page = (items: object[], path: string, url: URL) => {
    const top = Math.min(100, Number(url.searchParams.get('$top') ?? 100));
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const next = options.nextLink !== false && skip + top < items.length ? `${GRAPH}${path}?$top=${top}&$skip=${skip + top}` : undefined;
    return { value: items.slice(skip, skip + top), ...(next ? { '@odata.nextLink': next } : {}) };
  };
  const get: GraphGet = async (pathOrUrl) => {
    requests.push(pathOrUrl);
    const url = new URL(pathOrUrl.startsWith('https://') ? pathOrUrl : `${GRAPH}${pathOrUrl}`);
    const path = url.pathname.replace(/^\/v1\.0/, '');
    if (path === '/places/microsoft.graph.room') return page(rooms, path, url);
    if (path === '/places/microsoft.graph.roomlist') {
      return page(Object.keys(lists).map((email) => ({ id: email, displayName: `List ${email}`, emailAddress: email })), path, url);
    }
    const member = /^\/places\/([^/]+)\/microsoft\.graph\.roomlist\/rooms$/.exec(path);
    if (member) return page((lists[decodeURIComponent(member[1]!)] ?? []).map((i) => rooms[i]!), path, url);
    throw new Error(`unexpected Graph request ${pathOrUrl}`);
  };
  return { get, requests };
}

describe('room discovery', () => {
  it('follows every nextLink until all rooms are loaded', async () => {
    const { get, requests } = fakeGraph(153);
    const discovery = new RoomDiscovery(get);
    await discovery.discover();
    expect(discovery.rooms).toHaveLength(153);
    expect(new Set(discovery.rooms.map((room) => room.mailbox)).size).toBe(153);
    expect(requests.filter((request) => request.includes('microsoft.graph.room?'))).toEqual([
      '/places/microsoft.graph.room?$top=100',
      `${GRAPH}/places/microsoft.graph.room?$top=100&$skip=100`,
    ]);
    expect(discovery.rooms[1]).toEqual({ mailbox: 'room1@contoso.example', name: 'Room 001', capacity: 5, building: 'South', floor: '1' });
    expect(discovery.rooms[0]?.capacity).toBeNull();
  });

  it('pages by $skip when Graph gives no nextLink: a tenant of 250 rooms shows 250, capacities sent as strings read as numbers', async () => {
    const { get, requests } = fakeGraph(250, {}, { nextLink: false, capacityAsString: true });
    const discovery = new RoomDiscovery(get);
    await discovery.discover();
    expect(discovery.rooms).toHaveLength(250);
    expect(new Set(discovery.rooms.map((room) => room.mailbox)).size).toBe(250);
    expect(requests.filter((request) => request.includes('microsoft.graph.room?'))).toEqual([
      '/places/microsoft.graph.room?$top=100',
      '/places/microsoft.graph.room?$top=100&$skip=100',
      '/places/microsoft.graph.room?$top=100&$skip=200',
    ]);
    expect(discovery.rooms[1]).toEqual({ mailbox: 'room1@contoso.example', name: 'Room 001', capacity: 5, building: 'South', floor: '1' });
  });

  it('stops when a server ignoring $skip sends the same full page again', async () => {
    const full = Array.from({ length: 100 }, (_, i) => ({ emailAddress: `room${i}@contoso.example`, displayName: `Room ${i}` }));
    let requests = 0;
    const items = await allPlaces(async () => (requests++, { value: full }), '/places/microsoft.graph.room');
    expect(items).toHaveLength(100);
    expect(requests).toBe(2);
  });

  it('shows 25 rooms a page', async () => {
    const discovery = new RoomDiscovery(fakeGraph(153).get);
    await discovery.discover();
    expect(discovery.pageCount).toBe(7);
    expect(discovery.visible.map((room) => room.name)[0]).toBe('Room 000');
    expect(discovery.visible).toHaveLength(25);
    discovery.goToPage(6);
    expect(discovery.visible.map((room) => room.name)).toEqual(['Room 150', 'Room 151', 'Room 152']);
    discovery.goToPage(9);
    expect(discovery.page).toBe(6);
  });

  it('searches name, email and building, and starts the results at their first page', async () => {
    const discovery = new RoomDiscovery(fakeGraph(153).get);
    await discovery.discover();
    discovery.goToPage(3);
    discovery.search('room12');
    expect(discovery.page).toBe(0);
    expect(discovery.filtered.map((room) => room.mailbox)).toEqual(['room12@contoso.example', 'room120@contoso.example', 'room121@contoso.example', 'room122@contoso.example', 'room123@contoso.example', 'room124@contoso.example', 'room125@contoso.example', 'room126@contoso.example', 'room127@contoso.example', 'room128@contoso.example', 'room129@contoso.example']);
    discovery.search('NORTH room 01');
    expect(discovery.filtered.map((room) => room.name)).toEqual(['Room 010', 'Room 012', 'Room 014', 'Room 016', 'Room 018']);
    discovery.search('nowhere');
    expect(discovery.filtered).toEqual([]);
    expect(discovery.pageCount).toBe(1);
  });

  it('filters by room list, loading its rooms once', async () => {
    const { get, requests } = fakeGraph(153, { 'floor1@contoso.example': [3, 7, 120] });
    const discovery = new RoomDiscovery(get);
    await discovery.discover();
    expect(discovery.roomLists).toEqual([{ mailbox: 'floor1@contoso.example', name: 'List floor1@contoso.example' }]);
    await discovery.chooseList('floor1@contoso.example');
    expect(discovery.filtered.map((room) => room.name)).toEqual(['Room 003', 'Room 007', 'Room 120']);
    discovery.search('south');
    expect(discovery.filtered.map((room) => room.name)).toEqual(['Room 003', 'Room 007']);
    await discovery.chooseList('');
    await discovery.chooseList('floor1@contoso.example');
    expect(requests.filter((request) => request.includes('roomlist/rooms'))).toHaveLength(1);
  });

  it('says why when Graph refuses, and keeps the rooms it had', async () => {
    const graph = fakeGraph(3);
    let refuse = false;
    const discovery = new RoomDiscovery(async (path) => {
      if (refuse) throw new Error('Insufficient privileges to complete the operation.');
      return graph.get(path);
    });
    await discovery.discover();
    refuse = true;
    await discovery.discover();
    expect(discovery.problem).toBe('Insufficient privileges to complete the operation.');
    expect(discovery.rooms).toHaveLength(3);
    expect(discovery.loading).toBe(false);
  });

  it('drops entries that are not rooms', async () => {
    const items = await allPlaces(async () => ({ value: [{ emailAddress: 'a@b.example', displayName: 'A' }, { displayName: 'no mail' }, null] }), '/x');
    expect(items).toHaveLength(3);
    const discovery = new RoomDiscovery(async () => ({ value: [{ emailAddress: 'a@b.example', displayName: ' A ', capacity: 0 }, { displayName: 'no mail' }, null] }));
    await discovery.discover();
    expect(discovery.rooms).toEqual([{ mailbox: 'a@b.example', name: 'A', capacity: null, building: null, floor: null }]);
  });

  it("places the bridge's room on Graph's building and floor number, and on no floor it would refuse", () => {
    const room = { mailbox: 'harbour@contoso.example', name: 'Harbour', capacity: 8, building: 'Dock 2', floor: '3' };
    expect(roomLocation(room)).toEqual({ building: 'Dock 2', floor: 3 });
    expect(roomLocation({ ...room, floor: '-1' })).toEqual({ building: 'Dock 2', floor: -1 });
    expect(roomLocation({ ...room, floor: 'Mezzanine' })).toEqual({ building: 'Dock 2', floor: null });
    expect(roomLocation({ ...room, floor: '999' })).toEqual({ building: 'Dock 2', floor: null });
    expect(roomLocation({ ...room, building: null, floor: null })).toEqual({ building: null, floor: null });
  });

  it('matches every word of a query', () => {
    const room = { mailbox: 'harbour@contoso.example', name: 'Harbour', capacity: 8, building: 'Dock 2', floor: null };
    expect(matchesQuery(room, '')).toBe(true);
    expect(matchesQuery(room, 'dock HARB')).toBe(true);
    expect(matchesQuery(room, 'dock 3')).toBe(false);
  });
});
