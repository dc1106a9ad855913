import type { DAVResponse } from 'tsdav';

/**
 * Reading what tsdav parsed of a WebDAV multistatus (RFC 4918 13): element
 * names without their namespace, camel-cased (`calendar-data` → `calendarData`),
 * a lone text as its value (numbers and booleans converted, which `text` undoes).
 */

/** A member of a calendar collection as a listing names it: its href (canonical) and etag. */
export interface Member {
  etag: string | null;
  /** From DAV:getcontenttype: `VTODO` when the server says it holds no event (`component=VTODO`), else null. */
  component: string | null;
}

export interface Listing {
  members: Map<string, Member>;
  /** RFC 6578 3.5.2: members removed since the token, answered with a 404. */
  removed: Set<string>;
  /** RFC 6578 3.6: a 507 on the collection itself: there is more to ask for with the token that came with it. */
  truncated: boolean;
  /** RFC 6578 3.2: the DAV:sync-token of the multistatus, when it had one. */
  syncToken: string | null;
  /** The properties of the collection itself, when it answered for it (PROPFIND does, RFC 4918 9.1); null when not. */
  collection: Record<string, unknown> | null;
}

/** The same path for every spelling of an href: absolute, each segment percent-encoded one way. */
export function canonicalPath(href: string, base: string): string {
  return new URL(href, base).pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Reads a sync-collection or PROPFIND Depth 1 answer on the collection at `collectionUrl`. */
export function readListing(responses: DAVResponse[], collectionUrl: string): Listing {
  const collection = canonicalPath(collectionUrl, collectionUrl);
  const listing: Listing = { members: new Map(), removed: new Set(), truncated: false, syncToken: null, collection: null };
  for (const response of responses) {
    const token = text(field(field(response.raw, 'multistatus'), 'syncToken'));
    if (token !== null) listing.syncToken = token;
    const href = text(response.href);
    if (href === null) continue;
    const path = canonicalPath(href, collectionUrl);
    if (path === collection) {
      if (response.status === 507) listing.truncated = true;
      else if (response.ok) listing.collection = response.props ?? {};
      continue;
    }
    // RFC 4791 4.2: a calendar collection holds calendar object resources, and maybe plain collections (an href ending in /), which hold no meeting.
    if (!path.startsWith(collection) || path.endsWith('/')) continue;
    if (response.status === 404) {
      listing.members.delete(path);
      listing.removed.add(path);
    } else if (response.ok) {
      listing.removed.delete(path);
      listing.members.set(path, { etag: text(field(response.props, 'getetag')), component: componentOf(text(field(response.props, 'getcontenttype'))) });
    }
  }
  return listing;
}

/** The calendar data and etag of each answer of a calendar-multiget (RFC 4791 7.9); null for a 404: gone. */
export function readMultiget(responses: DAVResponse[], collectionUrl: string): Map<string, { etag: string | null; body: string } | null> {
  const found = new Map<string, { etag: string | null; body: string } | null>();
  for (const response of responses) {
    const href = text(response.href);
    if (href === null) continue;
    const path = canonicalPath(href, collectionUrl);
    if (response.status === 404) found.set(path, null);
    else if (response.ok) {
      const data = field(response.props, 'calendarData');
      const body = text(field(data, '_cdata')) ?? text(field(data, '_text')) ?? text(data);
      if (body !== null) found.set(path, { etag: text(field(response.props, 'getetag')), body: withLineEnd(body) });
    }
  }
  return found;
}

/** A property's value: tsdav turns `<getctag>42</getctag>` into the number 42; a DAV property is text. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** True when the iCalendar object holds an event: only VEVENTs are meetings (a VTODO-only one is skipped). */
export function holdsEvent(body: string): boolean {
  return /^BEGIN:VEVENT\s*$/im.test(body);
}

/** `text/calendar; component=VTODO` (Radicale, SabreDAV) → `VTODO`: the server said what the resource holds. */
function componentOf(contentType: string | null): string | null {
  const component = contentType === null ? undefined : /;\s*component=([\w-]+)/i.exec(contentType)?.[1];
  return component === undefined ? null : component.toUpperCase();
}

/** tsdav trims the text of an element; an iCalendar object ends with a line ending (RFC 5545 3.1). */
function withLineEnd(body: string): string {
  return /\r?\n$/.test(body) ? body : `${body}${body.includes('\r\n') ? '\r\n' : '\n'}`;
}
