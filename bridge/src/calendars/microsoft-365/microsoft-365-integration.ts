import type { CredentialStatus } from '../../../../shared/admin-api.ts';
import type { Result } from '../../../../shared/errors.ts';
import type { IntegrationWarning } from '../../../../shared/integration-warnings.ts';
import type { Microsoft365Link, Room } from '../../../../shared/model.ts';
import type { ExportReport } from '../remote/bulk-export.ts';
import type { AccountConnection } from './delegated/account-connection.ts';
import type { GraphTrafficTotals } from './graph-traffic.ts';
import type { RemoteCalendars } from '../remote/remote-calendars.ts';
import type { RoomRounds } from '../remote/sync-scheduler.ts';

export interface Microsoft365Status {
  tenantId: string;
  clientId: string;
  /** The application credential's state; null with delegated permissions, where the bridge cannot read its application. */
  credential: CredentialStatus | null;
  warnings: IntegrationWarning[];
  /** Graph requests per mailbox over the last 10 minutes. */
  requestsPerMailbox: Record<string, number>;
  /** Graph requests and throttles since the bridge started. */
  graphTraffic: GraphTrafficTotals;
  /** Walk-up changes waiting to be written to Exchange. */
  outboxDepth: number;
  rooms: { roomId: string; mailbox: string; syncedAt: number | null; outboxDepth: number }[];
}

/** What one bridge process sharing the store tells the others (cluster/cluster-relay.ts). */
export type StoredChange = 'credential-saved' | 'revoked';

/** The Microsoft 365 integration, running: its calendar source for the bridge, and what the admin page needs. */
export interface Microsoft365Integration extends AccountConnection {
  readonly calendar: RemoteCalendars;
  readonly syncPeriodSeconds: number;
  start(): void;
  /** Stops its timers and waits for work in flight, so nothing touches the store after. */
  stop(): Promise<void>;
  status(): Microsoft365Status;
  /** The rounds of each room this process syncs, for the health check; none while sync is stopped or revoked. */
  syncRounds(): RoomRounds[];
  syncNow(roomId: string): Promise<boolean>;
  flushOutbox(): Promise<void>;
  /** Resolves when no sync round runs and nothing is being sent (tests and shutdown wait for it). */
  idle(): Promise<void>;
  renewCredentials(): Promise<Result<CredentialStatus>>;
  /** Whether a token was had since start: until then the connection is not known to work. */
  signedIn(): boolean;
  /** When and by whom the integration was revoked; null while it is in use. */
  revocation(): { at: number; by: string } | null;
  /**
   * "Check status": asks for a fresh token and syncs every linked room now,
   * so the warnings say how things stand; in every process sharing the rooms.
   */
  check(): Promise<void>;
  /** The same for this process's own rooms, when another process's admin page asked. */
  checkHere(): Promise<void>;
  /** How `check()` asks the other processes to `checkHere()` and waits for them. */
  checkElsewhereWith(checkElsewhere: () => Promise<void>): void;
  /** The room takes its calendar from `link` from now on, synced at once. */
  linkRoom(roomId: string, link: Microsoft365Link): Promise<Result<Room>>;
  /** "Remove": the room stops using Microsoft 365 and keeps every meeting it has, as local bookings. */
  removeRoom(roomId: string): Promise<Result<Room>>;
  /**
   * "Revoke integration": stops using Microsoft 365 for every room, deletes
   * the stored credential, tokens, sync positions and unsent changes; every
   * meeting stays, as local bookings. Survives a restart until another
   * credential is configured.
   */
  revoke(by: string): Promise<void>;
  /** This process changed what every process sharing the store must follow: a renewed credential, or a revocation. */
  onStoredChange(listener: (change: StoredChange) => void): void;
  /** Another process sharing the store made `change`: sign in with the renewed credential, or stop as revoked. */
  followStoredChange(change: StoredChange): Promise<void>;
  /**
   * A room changed in another process. If this process syncs it, it sends
   * the walk-up changes queued there, and syncs at once a room just linked
   * there (it has no sync position yet).
   */
  followRoomChange(roomId: string): void;
  /** This process's own warnings: the integration's, and those of the rooms it syncs. */
  warningsHere(): IntegrationWarning[];
  /** Hears when `warningsHere()` changed, to tell the other processes. */
  onWarningsChanged(listener: () => void): void;
  /** Another process's warnings now, shown beside this one's (`status().warnings`). */
  followWarningsElsewhere(from: string, warnings: IntegrationWarning[]): void;
  /** How many walk-up bookings of the room an export would send. */
  exportableCount(roomId: string): number;
  exportFutureBookings(roomId: string, onProgress?: (done: number, total: number) => void): Promise<Result<ExportReport>>;
}
