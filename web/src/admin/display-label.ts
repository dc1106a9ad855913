import type { AdminDisplay } from '../../../shared/admin-api.ts';

/** Enough of a display's id to tell displays apart on screen; the audit log and the bridge keep the whole id. */
export function shortId(displayId: string): string {
  return displayId.slice(0, 8);
}

/** How the page names a display: the name an admin gave it, else its short id. */
export function displayLabel(display: Pick<AdminDisplay, 'id' | 'name'>): string {
  return display.name ?? shortId(display.id);
}
