import type { DiscoveredGoogleRoom } from '../../../shared/admin-api.ts';
import { asAdminApiError, type AdminApi, type AdminApiError } from './admin-api.ts';

/**
 * Google Workspace's rooms as the pairing form offers them: asked of the
 * bridge (which reads the Admin SDK) the first time the admin picks a Google
 * room, kept for the page's life; a refusal (no LINTEL_GOOGLE_SUBJECT, a
 * refused key) is shown where the list would be.
 */
export class GoogleRoomList {
  rooms = $state<DiscoveredGoogleRoom[] | null>(null);
  problem = $state<AdminApiError | null>(null);
  loading = $state(false);
  readonly #api: Pick<AdminApi, 'googleRooms'>;
  readonly #unauthorized: (error: AdminApiError) => void;

  constructor(api: Pick<AdminApi, 'googleRooms'>, unauthorized: (error: AdminApiError) => void) {
    this.#api = api;
    this.#unauthorized = unauthorized;
  }

  /** Asks the bridge once; again only after a refusal. */
  async load(): Promise<void> {
    if (this.rooms !== null || this.loading) return;
    this.loading = true;
    this.problem = null;
    try {
      this.rooms = (await this.#api.googleRooms()).rooms;
    } catch (error) {
      const refusal = asAdminApiError(error);
      this.problem = refusal;
      if (refusal.code === 'unauthorized') this.#unauthorized(refusal);
    } finally {
      this.loading = false;
    }
  }
}
