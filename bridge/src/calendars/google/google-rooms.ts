import type { admin_directory_v1 } from '@googleapis/admin';
import type { DiscoveredGoogleRoom } from '../../../../shared/admin-api.ts';
import { HIGHEST_FLOOR, LOWEST_FLOOR } from '../../../../shared/constants.ts';
import type { ProviderAnswer } from '../remote/remote-provider.ts';
import { googleFailure } from './google-failure.ts';

/** Admin SDK resources.calendars.list: "my_customer" is the customer of the admin the call is made as. */
const CUSTOMER = 'my_customer';
/** Results per page; the Admin SDK allows 500. */
const PAGE_SIZE = 500;
const MAX_PAGES = 40;

/**
 * The Workspace's bookable rooms, from the Admin SDK's resource calendars
 * (building, floor and capacity included), as the admin page offers them to
 * link: every page of resources.calendars.list, and the buildings' names.
 * Google answers only an administrator (LINTEL_GOOGLE_SUBJECT).
 */
export async function discoverGoogleRooms(directory: admin_directory_v1.Admin, now: () => number): Promise<ProviderAnswer<DiscoveredGoogleRoom[]>> {
  try {
    const buildings = new Map<string, string>();
    let buildingPage: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      // Admin SDK resources.buildings.list (reference/rest/v1/resources.buildings/list).
      const answer = (await directory.resources.buildings.list({ customer: CUSTOMER, maxResults: PAGE_SIZE, ...(buildingPage ? { pageToken: buildingPage } : {}) })).data;
      for (const building of answer.buildings ?? []) if (building.buildingId && building.buildingName) buildings.set(building.buildingId, building.buildingName);
      buildingPage = answer.nextPageToken ?? undefined;
      if (!buildingPage) break;
    }
    const rooms: DiscoveredGoogleRoom[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      // Admin SDK resources.calendars.list (reference/rest/v1/resources.calendars/list).
      const answer = (await directory.resources.calendars.list({ customer: CUSTOMER, maxResults: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) })).data;
      for (const resource of answer.items ?? []) {
        // CalendarResource.resourceCategory: CONFERENCE_ROOM, OTHER or CATEGORY_UNKNOWN; a display shows a room.
        if (!resource.resourceEmail || !resource.resourceName || resource.resourceCategory === 'OTHER') continue;
        const floor = resource.floorName != null && /^-?\d{1,3}$/.test(resource.floorName.trim()) ? Number(resource.floorName.trim()) : null;
        rooms.push({
          calendarId: resource.resourceEmail,
          name: resource.resourceName.slice(0, 100),
          capacity: resource.capacity != null && resource.capacity > 0 ? Math.min(resource.capacity, 10_000) : null,
          location: { building: (resource.buildingId ? buildings.get(resource.buildingId) : undefined)?.slice(0, 100) ?? null, floor: floor !== null && floor >= LOWEST_FLOOR && floor <= HIGHEST_FLOOR ? floor : null },
        });
      }
      pageToken = answer.nextPageToken ?? undefined;
      if (!pageToken) break;
    }
    return { ok: true, value: rooms.sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (error) {
    return googleFailure(error, 'the Admin SDK', now());
  }
}
