import express, { type Request, type Router } from 'express';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { GraphProblem } from './errors.ts';
import { requirePermission } from './graph-auth.ts';
import { linkTo } from './links.ts';
import type { EmulatedRoom, EmulatedRoomList, PlacesQuirks } from './tenant.ts';

const PAGE_MAX = 100;

/** Places: rooms, room lists, and the rooms of a list, a page of at most 100 at a time. Hidden rooms never show. */
export function placesRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();
  router.use('/places', requirePermission(['Place.Read.All']));

  router.get('/places/microsoft.graph.room', (req, res) => {
    res.json(page(ctx, req, 'places/microsoft.graph.room', listed(tenant.rooms).map((room) => roomJson(room, tenant.placesQuirks))));
  });

  router.get('/places/microsoft.graph.roomlist', (req, res) => {
    res.json(page(ctx, req, 'places/microsoft.graph.roomList', tenant.roomLists.map(roomListJson)));
  });

  router.get('/places/:list/microsoft.graph.roomlist/rooms', (req, res) => {
    const key = String(req.params.list).toLowerCase();
    const list = tenant.roomLists.find((each) => each.emailAddress.toLowerCase() === key || each.id.toLowerCase() === key);
    if (!list) throw new GraphProblem(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const members = new Set(list.roomEmails.map((email) => email.toLowerCase()));
    const rooms = listed(tenant.rooms).filter((room) => members.has(room.emailAddress.toLowerCase()));
    res.json(page(ctx, req, `places('${list.emailAddress}')/microsoft.graph.roomList/rooms`, rooms.map((room) => roomJson(room, tenant.placesQuirks))));
  });

  return router;
}

function listed(rooms: EmulatedRoom[]): EmulatedRoom[] {
  return rooms.filter((room) => !room.hiddenFromAddressList);
}

/** `$top` (at most 100) and `$skip`, with an `@odata.nextLink` carrying both while more remain, unless the tenant gives none. */
function page(ctx: EmulatorContext, req: Request, context: string, items: object[]): object {
  const { nextLink } = ctx.tenant.placesQuirks;
  const top = Math.min(PAGE_MAX, Number(req.query.$top ?? PAGE_MAX) || PAGE_MAX);
  const skip = Math.max(0, Number(req.query.$skip ?? 0) || 0);
  return {
    '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#${context}`,
    value: items.slice(skip, skip + top),
    ...(nextLink && skip + top < items.length ? { '@odata.nextLink': linkTo(ctx, req, { $top: String(top), $skip: String(skip + top) }) } : {}),
  };
}

function roomJson(room: EmulatedRoom, quirks: PlacesQuirks): object {
  return {
    '@odata.type': '#microsoft.graph.room',
    id: room.id,
    displayName: room.displayName,
    emailAddress: room.emailAddress,
    capacity: quirks.capacityAsString && room.capacity !== null ? String(room.capacity) : room.capacity,
    building: room.building,
    floorNumber: room.floorNumber,
    bookingType: 'standard',
  };
}

function roomListJson(list: EmulatedRoomList): object {
  return { '@odata.type': '#microsoft.graph.roomList', id: list.id, displayName: list.displayName, emailAddress: list.emailAddress, address: null, geoCoordinates: null, phone: null };
}
