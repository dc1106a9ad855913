const KEY = 'lintel.displayId';

/**
 * This display's own id, made once and kept in localStorage: the bridge
 * links a display (not a URL) to a room, so the id has to survive reloads,
 * app updates and restarts. Without storage (a private window, a locked-down
 * kiosk profile) the id lasts as long as the page, and the display pairs
 * again after a reload, which is the best it can do.
 */
export function displayId(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string {
  try {
    const kept = storage?.getItem(KEY);
    if (kept) return kept;
  } catch {
    // Storage denied: fall through to a page-lifetime id.
  }
  const id = crypto.randomUUID();
  try {
    storage?.setItem(KEY, id);
  } catch {
    // Same: the id is only good until the page reloads.
  }
  return id;
}
