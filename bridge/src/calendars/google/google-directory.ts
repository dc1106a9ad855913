import type { DiscoveredGoogleRoom } from '../../../../shared/admin-api.ts';
import type { ProviderAnswer } from '../remote/remote-provider.ts';

/** Google Workspace's directory, as the admin page uses it: the rooms to link. */
export interface GoogleDirectory {
  discoverRooms(): Promise<ProviderAnswer<DiscoveredGoogleRoom[]>>;
}
