/**
 * The store cannot be reached just now: its connection is lost, or it did
 * not answer within its bounds. Not a bug and not the request's fault, so it
 * is answered `store-unavailable`, which says "try again": a display keeps
 * the action queued and sends it again, and its id makes a repeat harmless
 * even if the first one was stored after all.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export const STORE_UNAVAILABLE_MESSAGE = 'The bridge cannot reach its database just now: try again in a moment.';
