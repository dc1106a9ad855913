/** The room a display URL names: `/rooms/:id`, or the bridge's default room at `/`. */
export function roomIdFromPath(pathname: string): string | undefined {
  const match = /^\/rooms\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The admin page lives under `/admin` (its own chunk); everything but it and `/building` is a display. */
export function isAdminPath(pathname: string): boolean {
  return /^\/admin(\/|$)/.test(pathname);
}

/** Every room of the bridge at a glance, at `/building` (its own chunk). */
export function isBuildingPath(pathname: string): boolean {
  return /^\/building\/?$/.test(pathname);
}
