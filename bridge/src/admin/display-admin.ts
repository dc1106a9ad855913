import type { AdminDisplay, ForgetResult, ForgetStaleResult } from '../../../shared/admin-api.ts';
import type { Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { DisplayIdentify } from '../../../shared/socket-events.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import type { RoomStore } from '../store/room-store.ts';
import type { RecordAdminAction } from './admin-action.ts';
import type { AdminIdentity } from './admin-identity.ts';

export interface DisplayAdminDeps {
  store: RoomStore;
  displays: DisplayRegistry;
  clock: Clock;
  record: RecordAdminAction;
  /** The display was unlinked or forgotten: its sockets watch again (null: its credential no longer works). */
  assigned: (displayId: string, roomId: null) => void;
}

type DisplayIdentified = (displayId: string, shown: DisplayIdentify) => void;

/** How long a display shows which screen it is. */
const IDENTIFY_SECONDS = 10;

/**
 * What the admin page does to one display the bridge knows: name it, have it
 * show which screen it is, unlink it from its room, or forget it. Each is
 * checked, applied, and in the audit log with who did it.
 */
export class DisplayAdmin {
  readonly #deps: DisplayAdminDeps;
  readonly #identifyListeners = new Set<DisplayIdentified>();

  constructor(deps: DisplayAdminDeps) {
    this.#deps = deps;
  }

  /** Tells a display's sockets to show which screen it is. */
  onIdentify(listener: DisplayIdentified): () => void {
    this.#identifyListeners.add(listener);
    return () => this.#identifyListeners.delete(listener);
  }

  /** Has a connected display show its name, and its room or pairing code, full-screen for 10 s, so an admin finds which screen it is. */
  identify(displayId: string): Result<DisplayIdentify> {
    const { displays, clock } = this.#deps;
    const display = displays.get(displayId, clock.now());
    if (!display) return fail('not-found', 'The bridge knows no display with that id.');
    if (!display.online) return fail('not-allowed', 'This display is not connected now: it can show its name once it is back.');
    const shown = { name: display.name ?? shortId(displayId), room: display.roomId === null ? null : this.#roomName(display.roomId), seconds: IDENTIFY_SECONDS };
    for (const listener of this.#identifyListeners) listener(displayId, shown);
    return ok(shown);
  }

  /** Gives the display a name an admin chose (checked by DisplayNameRequest); another display's name is refused, and changes nothing. */
  rename(displayId: string, name: string, you: AdminIdentity): Result<AdminDisplay> {
    const { displays, clock, record } = this.#deps;
    const renamed = displays.rename(displayId, name);
    if (renamed.outcome === 'not-found') return fail('not-found', 'The bridge knows no display with that id.');
    if (renamed.outcome === 'taken') return fail('not-allowed', `Another display is called "${name}" already: give this one another name.`);
    if (renamed.before !== name) record(you, { action: 'rename-display', display: shortId(displayId), name, before: renamed.before });
    return ok(displays.get(displayId, clock.now())!);
  }

  unlink(displayId: string, you: AdminIdentity): Result<AdminDisplay> {
    const { displays, clock, record } = this.#deps;
    const roomId = displays.unlink(displayId, you.name, clock.now());
    if (roomId === undefined) return fail('not-found', 'No display with that id is linked to a room.');
    record(you, { action: 'unlink', display: shortId(displayId), room: this.#roomName(roomId) });
    this.#deps.assigned(displayId, null);
    return ok(displays.get(displayId, clock.now())!);
  }

  /** Deletes the display's record and credential: it is told, its sockets are closed, and it pairs again from scratch. */
  forget(displayId: string, you: AdminIdentity): Result<ForgetResult> {
    const forgotten = this.#deps.displays.forget(displayId);
    if (!forgotten) return fail('not-found', 'The bridge knows no display with that id.');
    this.#deps.record(you, { action: 'forget', display: shortId(displayId), room: forgotten.roomId === null ? null : this.#roomName(forgotten.roomId) });
    this.#deps.assigned(displayId, null);
    return ok({ id: displayId });
  }

  /**
   * Forgets every display offline and not seen for STALE_DISPLAY_DAYS days or
   * more, by the bridge's clock, each as `forget` does (one audit entry per
   * display); a display online now is never among them.
   */
  forgetStale(you: AdminIdentity): ForgetStaleResult {
    const stale = this.#deps.displays.list(this.#deps.clock.now()).filter((display) => display.staleDays !== null);
    // One found meanwhile by another admin's Forget is simply not counted.
    const forgotten = stale.filter((display) => this.forget(display.id, you).ok);
    return { forgotten: forgotten.map((display) => display.id) };
  }

  /** The room's name as it is now; its id when the room is gone. */
  #roomName(roomId: string): string {
    return this.#deps.store.getRoom(roomId)?.name ?? roomId;
  }
}

/** Enough of a display's id to tell displays apart in the audit log and on Identify's screen. */
export function shortId(displayId: string): string {
  return displayId.slice(0, 8);
}
