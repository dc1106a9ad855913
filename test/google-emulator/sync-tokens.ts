import { badRequest, fullSyncRequired } from './errors.ts';

/**
 * What a sync token stands for: the calendar, the change number the list
 * was taken at, the store's token generation, and when it was handed out.
 * "A sync token is a piece of data exchanged between the server and the
 * client" (Calendar "Synchronize resources efficiently",
 * developers.google.com/calendar/api/guides/sync): opaque to clients.
 */
interface SyncState {
  c: string;
  s: number;
  g: number;
  t: number;
}

/** Where a page of a list starts, and the change number its first page was taken at. */
interface PageState {
  o: number;
  s: number;
}

function encode(state: object): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decode(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function syncToken(calendarId: string, seq: number, generation: number, issuedAt: number): string {
  return encode({ c: calendarId, s: seq, g: generation, t: issuedAt } satisfies SyncState);
}

/**
 * Reads a sync token. "Sometimes sync tokens are invalidated by the server,
 * for various reasons including token expiration or changes in related
 * ACLs. In such cases, the server will respond to an incremental request
 * with a response code 410" (Calendar "Synchronize resources efficiently"
 * § Full sync required by server): a token of another calendar, of an
 * earlier generation, older than `lifetimeMs`, or not one of ours.
 */
export function readSyncToken(token: string, calendarId: string, generation: number, now: number, lifetimeMs?: number): number {
  const state = decode(token) as Partial<SyncState> | undefined;
  if (!state || state.c !== calendarId || state.g !== generation || typeof state.s !== 'number' || typeof state.t !== 'number') throw fullSyncRequired();
  if (lifetimeMs !== undefined && now - state.t > lifetimeMs) throw fullSyncRequired();
  return state.s;
}

export function pageToken(offset: number, seq: number): string {
  return encode({ o: offset, s: seq } satisfies PageState);
}

export function readPageToken(token: string): PageState {
  const state = decode(token) as Partial<PageState> | undefined;
  if (!state || typeof state.o !== 'number' || typeof state.s !== 'number') throw badRequest('invalid', 'Invalid page token value.', 'pageToken');
  return { o: state.o, s: state.s };
}
