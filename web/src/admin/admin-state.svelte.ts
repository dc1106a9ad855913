import type { AdminStatus, GoogleConnectRequest, LinkRequest, LinkResult, NewRoomRequest, RoomCalendarRequest } from '../../../shared/admin-api.ts';
import type { RoomAccess } from '../../../shared/model.ts';
import { asAdminApiError, type AdminApi, type AdminApiError } from './admin-api.ts';

/** What an admin did on the page; a button finds its own progress, success and failure by it. */
export type AdminAction =
  | 'refresh'
  | 'check'
  | 'renew'
  | 'revoke'
  | 'remove-account'
  | `unlink:${string}`
  | `forget:${string}`
  | 'forget-stale'
  | `rename:${string}`
  | `identify:${string}`
  | `remove:${string}`
  | `link-room:${string}`
  | `access:${string}`
  | 'add-room'
  | `room-calendar:${string}`
  | 'connect-google'
  | 'disconnect-google';

/**
 * The bridge's admin status as the page shows it, and the actions that
 * change it. Each action ends with the bridge's new status (its answer, or
 * a fresh `GET /status`), so the page never shows a state the bridge is not in.
 */
export class AdminState {
  status = $state.raw<AdminStatus | null>(null);
  busy = $state<AdminAction | null>(null);
  problem = $state<{ action: AdminAction; error: AdminApiError } | null>(null);
  /** The last action that succeeded, for its confirmation. */
  done = $state<AdminAction | null>(null);
  /** How many displays the last "forget stale displays" forgot, for its confirmation. */
  staleForgotten = $state(0);

  readonly #api: AdminApi;
  readonly #unauthorized: (error: AdminApiError) => void;

  /** `unauthorized`: the bridge refused the admin's token; the page goes back to signing in. */
  constructor(api: AdminApi, unauthorized: (error: AdminApiError) => void) {
    this.#api = api;
    this.#unauthorized = unauthorized;
  }

  refresh = () => this.#run('refresh', () => this.#api.status());
  check = () => this.#run('check', () => this.#api.check());
  renew = () => this.#run('renew', () => this.#api.renewCredentials());
  revoke = () => this.#run('revoke', () => this.#api.revoke());
  /** Deletes the bridge's token for the connected Microsoft account (delegated permissions): its rooms fall back to local bookings. */
  removeAccount = () => this.#run('remove-account', () => this.#api.removeAccount());
  unlink = (displayId: string) => this.#run(`unlink:${displayId}`, () => this.#api.unlink(displayId).then(() => this.#api.status()));
  /** Deletes the display's record and credential; it is listed again only once it asks for a new code. */
  forget = (displayId: string) => this.#run(`forget:${displayId}`, () => this.#api.forget(displayId).then(() => this.#api.status()));
  /** Forgets every display the bridge counts as stale (offline, not seen for 30 days), each as `forget` does. */
  forgetStale = () =>
    this.#run('forget-stale', async () => {
      this.staleForgotten = (await this.#api.forgetStale()).forgotten.length;
      return this.#api.status();
    });
  /** False when the bridge refused the name (none, too long, another display's): the display keeps its name. */
  renameDisplay = (displayId: string, name: string) =>
    this.#run(`rename:${displayId}`, () => this.#api.renameDisplay(displayId, { name }).then(() => this.#api.status()));
  identify = (displayId: string) => this.#run(`identify:${displayId}`, () => this.#api.identify(displayId).then(() => this.#api.status()));
  setRoomAccess = (roomId: string, access: RoomAccess) =>
    this.#run(`access:${roomId}`, () => this.#api.setRoomAccess(roomId, { access }).then(() => this.#api.status()));
  removeRoom = (roomId: string) => this.#run(`remove:${roomId}`, () => this.#api.removeRoom(roomId).then(() => this.#api.status()));
  linkRoom = (roomId: string, mailbox: string) => this.#run(`link-room:${roomId}`, () => this.#api.linkRoom(roomId, { mailbox }).then(() => this.#api.status()));

  /** Adds a room on a CalDAV server or an ICS feed; false when the bridge refused it (its calendar did not answer), and nothing was added. */
  addRoom = (request: NewRoomRequest) => this.#run('add-room', () => this.#api.addRoom(request).then(() => this.#api.status()));
  /** False when the calendar refused the new settings: the old ones stay. */
  changeRoomCalendar = (roomId: string, request: RoomCalendarRequest) =>
    this.#run(`room-calendar:${roomId}`, () => this.#api.changeRoomCalendar(roomId, request).then(() => this.#api.status()));
  connectGoogle = (request: GoogleConnectRequest) => this.#run('connect-google', () => this.#api.connectGoogle(request).then(() => this.#api.status()));
  disconnectGoogle = () => this.#run('disconnect-google', () => this.#api.disconnectGoogle().then(() => this.#api.status()));

  /** Links a display; the pairing form shows the answer or the refusal itself. */
  async link(request: LinkRequest): Promise<LinkResult> {
    try {
      const result = await this.#api.link(request);
      void this.refresh();
      return result;
    } catch (error) {
      const refusal = asAdminApiError(error);
      if (refusal.code === 'unauthorized') this.#unauthorized(refusal);
      throw refusal;
    }
  }

  /**
   * Reads the status again without a sign on the page, for what changes
   * with no action here (a room turns busy, a display comes online): kept
   * only when no action ran meanwhile, whose answer is newer; a failure
   * waits for the next time, and an action shows its own.
   */
  async reload(): Promise<void> {
    if (this.busy !== null || this.status === null) return;
    const before = this.status;
    try {
      const fresh = await this.#api.status();
      if (this.busy === null && this.status === before) this.status = fresh;
    } catch {
      // Quiet by design: the next reload, or the admin's next action, tries again.
    }
  }

  problemOf(action: AdminAction): AdminApiError | null {
    return this.problem?.action === action ? this.problem.error : null;
  }

  async #run(action: AdminAction, request: () => Promise<AdminStatus>): Promise<boolean> {
    this.busy = action;
    this.problem = null;
    this.done = null;
    try {
      this.status = await request();
      this.done = action;
      return true;
    } catch (error) {
      const refusal = asAdminApiError(error);
      this.problem = { action, error: refusal };
      if (refusal.code === 'unauthorized') this.#unauthorized(refusal);
      return false;
    } finally {
      this.busy = null;
    }
  }
}
