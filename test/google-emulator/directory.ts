import { randomInt } from 'node:crypto';
import type { CalendarRole, CalendarStore } from './calendar-store.ts';

export interface EmulatedUser {
  email: string;
  name: string;
  /** An administrator may call the Admin SDK (what a service account impersonates for it). */
  isAdmin: boolean;
}

/** Admin SDK Directory API Building resource (developers.google.com/admin-sdk/directory/reference/rest/v1/resources.buildings). */
export interface EmulatedBuilding {
  buildingId: string;
  buildingName: string;
  description?: string;
  floorNames: string[];
  coordinates?: { latitude: number; longitude: number };
  address?: { addressLines?: string[]; locality?: string; postalCode?: string; regionCode?: string; languageCode?: string };
}

/** Admin SDK Directory API CalendarResource (developers.google.com/admin-sdk/directory/reference/rest/v1/resources.calendars). */
export interface EmulatedResource {
  resourceId: string;
  resourceName: string;
  /** "The read-only email for the calendar resource": its calendar's id. */
  resourceEmail: string;
  resourceCategory: 'CONFERENCE_ROOM' | 'OTHER' | 'CATEGORY_UNKNOWN';
  resourceType?: string;
  resourceDescription?: string;
  userVisibleDescription?: string;
  buildingId?: string;
  floorName?: string;
  floorSection?: string;
  capacity?: number;
  featureInstances?: { feature: { name: string } }[];
}

export interface ResourceOptions extends Partial<Omit<EmulatedResource, 'resourceName'>> {
  resourceName: string;
  /** Its calendar's zone. */
  timeZone?: string;
  /** Who may book it (the "access right of the inviting user"); unset: anyone. */
  bookers?: string[];
  /** What everyone in the domain may see of its calendar; default `reader`. */
  domainRole?: CalendarRole;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A resource calendar address of the form Google gives them: `c_...@resource.calendar.google.com`. */
export function resourceEmail(): string {
  return `c_188${Array.from({ length: 26 }, () => BASE32HEX[randomInt(32)]).join('')}@resource.calendar.google.com`;
}

/** Admin SDK CalendarResource `generatedResourceName`: "metadata about the resource such as building name, floor, capacity, etc. For example, "NYC-2-Training Room 1A (16)"". */
export function generatedResourceName(resource: EmulatedResource, building?: EmulatedBuilding): string {
  const prefix = [building?.buildingName, resource.floorName, resource.floorSection].filter(Boolean).join('-');
  const name = prefix ? `${prefix}-${resource.resourceName}` : resource.resourceName;
  return resource.capacity ? `${name} (${resource.capacity})` : name;
}

export function makeResource(options: ResourceOptions, store: CalendarStore, domain: string, fallbackZone: string): EmulatedResource {
  const { timeZone, bookers, domainRole, ...fields } = options;
  const resource: EmulatedResource = {
    resourceId: fields.resourceId ?? String(randomInt(10_000_000_000, 99_999_999_999)),
    resourceEmail: (fields.resourceEmail ?? resourceEmail()).toLowerCase(),
    resourceCategory: fields.resourceCategory ?? 'CONFERENCE_ROOM',
    ...fields,
  };
  resource.resourceEmail = resource.resourceEmail.toLowerCase();
  store.addCalendar({
    id: resource.resourceEmail,
    summary: resource.resourceName,
    timeZone: timeZone ?? fallbackZone,
    acl: [{ scope: { type: 'domain', value: domain }, role: domainRole ?? 'reader' }],
    resource: bookers ? { bookers } : {},
  });
  return resource;
}
