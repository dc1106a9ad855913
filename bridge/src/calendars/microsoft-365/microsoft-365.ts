import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../../../shared/clock.ts';
import { fail, ok } from '../../../../shared/errors.ts';
import type { CredentialStatus } from '../../../../shared/admin-api.ts';
import type { Room } from '../../../../shared/model.ts';
import { LocalCalendar } from '../local/local-calendar.ts';
import type { Logger } from '../../logger.ts';
import type { SqlDatabase } from '../../store/sql-database.ts';
import type { RoomStore } from '../../store/room-store.ts';
import { BookingRollback } from '../remote/booking-rollback.ts';
import { exportableBookings, exportFutureBookings } from './bulk-export.ts';
import { CredentialKeeper } from './credential-keeper.ts';
import { accountConnection } from './delegated/account-connection.ts';
import { delegatedAccess, type DelegatedOptions } from './delegated/delegated-access.ts';
import { GraphGateway } from './graph-gateway.ts';
import type { GraphTokens } from './graph-tokens.ts';
import type { HttpsFetch } from './https-fetch.ts';
import { Microsoft365Calendar } from './m365-calendar.ts';
import { M365Store } from './m365-store.ts';
import { OutboxSender } from './outbox-sender.ts';
import { RoomSync } from './room-sync.ts';
import { SyncScheduler } from '../remote/sync-scheduler.ts';
import { TokenSource, type AppCredential, type M365Connection } from './token-source.ts';
import { WarningBoard } from '../remote/warning-board.ts';
import { mergeWarnings, WarningsElsewhere } from '../remote/warnings-elsewhere.ts';
import { CREDENTIAL_LEASE, roomLease, soleOwnership, type SyncOwnership } from '../../cluster/sync-ownership.ts';

export interface Microsoft365Options {
  connection: M365Connection;
  /** The credential the admin configured; a renewed one stored by the bridge replaces it until the admin configures another. */
  credential: AppCredential;
  serviceMailbox: string | null;
  syncPeriodSeconds: number;
  /** Whose midnight the credential check runs at. */
  timeZone: string;
  fetch: HttpsFetch;
  random?: () => number;
  /** Which rooms this process syncs and sends for, when bridge processes share the store; all of them when absent. */
  ownership?: SyncOwnership;
  /** Present: the bridge acts as a connected Microsoft account (delegated permissions) instead of as its application. */
  delegated?: DelegatedOptions;
}

import type { Microsoft365Integration, StoredChange } from './microsoft-365-integration.ts';

export type { Microsoft365Integration, Microsoft365Status, StoredChange } from './microsoft-365-integration.ts';

const StoredCredential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), secretText: z.string().min(1), keyId: z.string().nullable(), expiresAt: z.string().nullable() }),
  z.object({ kind: z.literal('certificate'), certificatePem: z.string().min(1), privateKeyPem: z.string().min(1), keyId: z.string().nullable(), expiresAt: z.string().nullable() }),
]);

/** Assembles the integration from the bridge's ports; main.ts loads this module only when Microsoft 365 is configured. */
export function createMicrosoft365(ports: { db: SqlDatabase; store: RoomStore; clock: Clock; logger: Logger }, options: Microsoft365Options): Microsoft365Integration {
  const { db, store, clock } = ports;
  const logger = ports.logger.child({ component: 'microsoft-365' });
  const m365 = new M365Store(db);
  const configured = fingerprint(options.credential);
  let revocation = m365.revocation();
  if (revocation && revocation.credential !== configured) {
    // The admin configured another credential since revoking: that is connecting again.
    m365.clearRevocation();
    revocation = undefined;
  }
  const credential = revocation ? options.credential : credentialToUse(m365, options.credential);
  const warnings = new WarningBoard(clock, logger, 'Microsoft 365');
  const warningsElsewhere = new WarningsElsewhere(clock);
  let checkElsewhere = () => Promise.resolve();
  const delegated = options.delegated && delegatedAccess({ db, connection: options.connection, credential, fetch: options.fetch, logger, warnings, clock }, options.delegated);
  const appTokens = delegated ? undefined : new TokenSource(options.connection, credential, options.fetch, warnings, logger);
  const tokens: GraphTokens = delegated?.tokens ?? appTokens!;
  const permissions = delegated ? 'delegated' : 'application';
  const graph = new GraphGateway({ graphUrl: options.connection.graphUrl, fetch: options.fetch, tokens, clock, warnings, logger });
  // The calendar queues changes the sender sends, and the sender's rollbacks are announced by the calendar.
  const wakeSender = { wake: () => {} };
  const calendar = new Microsoft365Calendar({ local: new LocalCalendar(store, clock), m365, clock, queued: () => wakeSender.wake() });
  const rollback = new BookingRollback({ store, links: m365, clock, logger, announce: (roomId) => calendar.announce(roomId) });
  const outbox = new OutboxSender({
    graph,
    m365,
    store,
    getRoom: (id) => store.getRoom(id),
    clock,
    logger,
    warnings,
    rollback,
    serviceMailbox: options.serviceMailbox,
    permissions,
    ...(options.ownership ? { roomsSentHere: () => store.listRooms().map((room) => room.id).filter(syncedHere) } : {}),
  });
  wakeSender.wake = () => void outbox.wake();
  const sync = new RoomSync({ graph, m365, store, clock, logger, warnings, rollback, permissions });
  const linkedRooms = () => store.listRooms().filter((room) => room.microsoft365 !== null);
  const ownership = options.ownership ?? soleOwnership;
  const syncedHere = (roomId: string) => ownership.owns(roomLease(roomId));
  // A room's warnings are told by the process that syncs it: one that held it before may keep them, stale.
  const warningsHere = () => warnings.list().filter((warning) => warning.roomId === undefined || syncedHere(warning.roomId));
  const scheduler = new SyncScheduler({
    sync,
    clock,
    logger,
    linkedRooms: () => linkedRooms().filter((room) => syncedHere(room.id)),
    linkedRoom: (roomId) => {
      const room = store.getRoom(roomId);
      return room?.microsoft365 && syncedHere(roomId) ? { ...room, microsoft365: room.microsoft365 } : undefined;
    },
    periodSeconds: options.syncPeriodSeconds,
    ...(options.random ? { random: options.random } : {}),
    afterRound: (roomId, synced) => {
      if (synced) calendar.announce(roomId);
      if (m365.outboxDepth(roomId) > 0) void outbox.wake();
    },
  });
  const storedChanges = new Set<(change: StoredChange) => void>();
  const told = (change: StoredChange) => {
    for (const listener of storedChanges) listener(change);
  };
  // With delegated permissions the bridge cannot read or renew its own application: its admin keeps the credential.
  const keeper = appTokens && new CredentialKeeper({
    graph,
    tokens: appTokens,
    clock,
    logger,
    warnings,
    clientId: options.connection.clientId,
    timeZone: options.timeZone,
    persist: (renewed) => {
      m365.saveCredential(JSON.stringify(renewed), configured);
      told('credential-saved');
    },
    checksHere: () => ownership.owns(CREDENTIAL_LEASE),
  });
  // A process that takes a room over catches up at once: its predecessor may have died mid-period.
  ownership.onGained((leases) => {
    if (revocation) return;
    for (const room of linkedRooms()) if (leases.includes(roomLease(room.id))) void scheduler.syncNow(room.id);
    if (leases.includes(CREDENTIAL_LEASE)) void keeper?.check();
    void outbox.wake();
  });

  async function checkHere(): Promise<void> {
    if (revocation) return;
    tokens.invalidate();
    // A refusal is already a warning saying why; there is nothing to sync without a token.
    const token = await tokens.getToken().catch(() => null);
    if (token !== null) await Promise.all(linkedRooms().filter((room) => syncedHere(room.id)).map((room) => scheduler.syncNow(room.id)));
  }

  async function stop(): Promise<void> {
    scheduler.stop();
    keeper?.stop();
    outbox.stop();
    graph.close();
    await Promise.all([scheduler.idle(), outbox.idle(), keeper?.idle()]);
  }
  const account = accountConnection({
    delegated,
    graph,
    store,
    m365,
    warnings,
    clock,
    logger,
    idle: async () => {
      await Promise.all([scheduler.idle(), outbox.idle()]);
    },
    checkNow: () => checkHere(),
    announce: (roomId) => calendar.announce(roomId),
  });
  const notConnected = <T>() => fail<T>('not-connected', 'Microsoft 365 was revoked on this bridge: configure a credential and restart it to connect again.');

  return {
    ...account,
    calendar,
    syncPeriodSeconds: options.syncPeriodSeconds,
    start() {
      if (revocation) return;
      scheduler.start();
      keeper?.start();
      void outbox.wake();
    },
    stop,
    status() {
      return {
        tenantId: options.connection.tenantId,
        clientId: options.connection.clientId,
        credential: keeper?.status() ?? null,
        warnings: mergeWarnings(warningsHere(), warningsElsewhere.list()),
        requestsPerMailbox: graph.requestCounts(),
        graphTraffic: graph.traffic(),
        outboxDepth: m365.outboxDepth(),
        rooms: linkedRooms().map((room) => ({ roomId: room.id, mailbox: room.microsoft365!.mailbox, syncedAt: m365.syncState(room.id)?.syncedAt ?? null, outboxDepth: m365.outboxDepth(room.id) })),
      };
    },
    syncRounds: () => scheduler.rounds(),
    syncNow: (roomId) => scheduler.syncNow(roomId),
    flushOutbox: () => outbox.wake(),
    async idle() {
      await Promise.all([scheduler.idle(), keeper?.idle()]);
      await outbox.idle();
    },
    renewCredentials: () => {
      if (revocation) return Promise.resolve(notConnected<CredentialStatus>());
      return keeper ? keeper.renew() : Promise.resolve(fail<CredentialStatus>('not-allowed', 'With delegated permissions the bridge cannot renew its own credential: renew it in Entra admin center and restart the bridge.'));
    },
    signedIn: () => tokens.signedIn,
    revocation: () => (revocation ? { at: revocation.at, by: revocation.by } : null),
    async check() {
      await Promise.all([checkHere(), checkElsewhere()]);
    },
    checkHere,
    checkElsewhereWith(check) {
      checkElsewhere = check;
    },
    async linkRoom(roomId, link) {
      if (revocation) return notConnected<never>();
      const room = store.getRoom(roomId);
      if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
      await scheduler.idle();
      const linked: Room = { ...room, microsoft365: link };
      store.transaction(() => {
        // A room linked to another mailbox before starts over: its sync position belongs to that mailbox.
        m365.forgetRoom(roomId);
        store.saveRoom(linked, clock.now());
      });
      warnings.clearRoom(roomId);
      await scheduler.syncNow(roomId);
      calendar.announce(roomId);
      return ok(linked);
    },
    async removeRoom(roomId) {
      const room = store.getRoom(roomId);
      if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
      if (!room.microsoft365) return fail('not-allowed', `Room "${room.name}" is not linked to Microsoft 365.`);
      const local: Room = { ...room, microsoft365: null };
      // Unlinked first, so no new round or send starts for it; then what is under way finishes before its state goes.
      store.saveRoom(local, clock.now());
      await Promise.all([scheduler.idle(), outbox.idle()]);
      m365.forgetRoom(roomId);
      warnings.clearRoom(roomId);
      calendar.announce(roomId);
      return ok(local);
    },
    async revoke(by) {
      if (revocation) return;
      await stop();
      const rooms = linkedRooms();
      store.transaction(() => {
        for (const room of rooms) store.saveRoom({ ...room, microsoft365: null }, clock.now());
        m365.revoke({ at: clock.now(), by, credential: configured });
      });
      revocation = m365.revocation();
      warnings.clearEverything();
      logger.warn({ by, rooms: rooms.map((room) => room.id) }, 'Microsoft 365 revoked: every room runs on local bookings');
      for (const room of rooms) calendar.announce(room.id);
      told('revoked');
    },
    onStoredChange(listener) {
      storedChanges.add(listener);
    },
    async followStoredChange(change) {
      if (revocation) return;
      if (change === 'credential-saved') return appTokens?.useCredential(credentialToUse(m365, options.credential));
      // The revoking process deleted the credential and unlinked the rooms; this one must not keep or renew its copy.
      await stop();
      revocation = m365.revocation();
      warnings.clearEverything();
      logger.warn('Microsoft 365 revoked by another bridge process: every room runs on local bookings');
    },
    followRoomChange(roomId) {
      if (revocation || !syncedHere(roomId)) return;
      if (store.getRoom(roomId)?.microsoft365 && m365.syncState(roomId) === undefined) void scheduler.syncNow(roomId);
      void outbox.wake();
    },
    warningsHere,
    onWarningsChanged: (listener) => warnings.onChange(listener),
    followWarningsElsewhere: (from, list) => warningsElsewhere.heard(from, list),
    exportableCount: (roomId) => exportableBookings(store, m365, roomId, clock.now()).length,
    async exportFutureBookings(roomId, onProgress) {
      if (revocation) return notConnected<never>();
      const room = store.getRoom(roomId);
      if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
      if (!room.microsoft365) return fail('not-allowed', `Room "${roomId}" is not linked to Microsoft 365.`);
      return ok(await exportFutureBookings({ graph, store, m365, clock, serviceMailbox: options.serviceMailbox }, room, onProgress));
    },
  };
}

/**
 * The stored credential when it descends from the configured one (the bridge
 * renewed it); the configured one when the admin has since configured another.
 */
function credentialToUse(m365: M365Store, configured: AppCredential): AppCredential {
  const stored = m365.credential();
  if (stored && stored.importedFrom === fingerprint(configured)) {
    const parsed = StoredCredential.safeParse(JSON.parse(stored.data));
    if (parsed.success) return parsed.data;
  }
  m365.saveCredential(JSON.stringify(configured), fingerprint(configured));
  return configured;
}

function fingerprint(credential: AppCredential): string {
  const material = credential.kind === 'secret' ? credential.secretText : credential.certificatePem;
  return createHash('sha256').update(`${credential.kind}:${material}`).digest('hex');
}
