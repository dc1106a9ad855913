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
import { microsoft365CalendarOf } from '../remote/calendar-settings.ts';
import { createRemoteCalendars } from '../remote/remote-calendar-engine.ts';
import { CredentialKeeper } from './credential-keeper.ts';
import { accountConnection } from './delegated/account-connection.ts';
import { delegatedAccess, type DelegatedOptions } from './delegated/delegated-access.ts';
import { GraphGateway } from './graph-gateway.ts';
import type { GraphTokens } from './graph-tokens.ts';
import type { HttpsFetch } from './https-fetch.ts';
import { M365Store } from './m365-store.ts';
import { microsoft365Provider } from './m365-provider.ts';
import { TokenSource, type AppCredential, type M365Connection } from './token-source.ts';
import { WarningBoard } from '../remote/warning-board.ts';
import { CREDENTIAL_LEASE, soleOwnership, type SyncOwnership } from '../../cluster/sync-ownership.ts';

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
  let checkElsewhere = () => Promise.resolve();
  const delegated = options.delegated && delegatedAccess({ db, connection: options.connection, credential, fetch: options.fetch, logger, warnings, clock }, options.delegated);
  const appTokens = delegated ? undefined : new TokenSource(options.connection, credential, options.fetch, warnings, logger);
  const tokens: GraphTokens = delegated?.tokens ?? appTokens!;
  const permissions = delegated ? 'delegated' : 'application';
  const graph = new GraphGateway({ graphUrl: options.connection.graphUrl, fetch: options.fetch, tokens, clock, warnings, logger });
  const provider = microsoft365Provider({ graph, clock, logger, serviceMailbox: options.serviceMailbox, permissions });
  // The rooms linked to a mailbox, on the remote-calendar engine: a round every LINTEL_M365_SYNC_SECONDS, spread over it, as Graph's limits are per mailbox.
  const engine = createRemoteCalendars(
    { store, clock, logger, inner: new LocalCalendar(store, clock) },
    {
      providers: (type) => Promise.resolve(type === 'microsoft365' && !revocation ? provider : undefined),
      calendarOf: microsoft365CalendarOf,
      warnings,
      neverLate: false,
      declinesSeries: true,
      syncPeriodSeconds: options.syncPeriodSeconds,
      ownership: options.ownership,
      ...(options.random ? { random: options.random } : {}),
    },
  );
  const { calendar } = engine;
  const linkedRooms = () => store.listRooms().filter((room) => room.microsoft365 !== null);
  const ownership = options.ownership ?? soleOwnership;
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
  // A process that takes the credential over checks it at once (the engine catches up on the rooms it takes over).
  ownership.onGained((leases) => {
    if (!revocation && leases.includes(CREDENTIAL_LEASE)) void keeper?.check();
  });

  async function checkHere(): Promise<void> {
    if (revocation) return;
    tokens.invalidate();
    // A refusal is already a warning saying why; there is nothing to sync without a token.
    const token = await tokens.getToken().catch(() => null);
    if (token !== null) await engine.check();
  }

  async function stop(): Promise<void> {
    keeper?.stop();
    graph.close();
    await Promise.all([engine.stop(), keeper?.idle()]);
  }
  const account = accountConnection({
    delegated,
    graph,
    store,
    forgetRoom: (roomId) => engine.forgetRoom(roomId),
    warnings,
    clock,
    logger,
    idle: () => engine.idle(),
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
      engine.start();
      keeper?.start();
    },
    stop,
    status() {
      return {
        tenantId: options.connection.tenantId,
        clientId: options.connection.clientId,
        credential: keeper?.status() ?? null,
        warnings: engine.warnings(),
        requestsPerMailbox: graph.requestCounts(),
        graphTraffic: graph.traffic(),
        outboxDepth: engine.outboxDepth(),
        rooms: linkedRooms().map((room) => ({ roomId: room.id, mailbox: room.microsoft365!.mailbox, ...engine.roomSync(room.id) })),
      };
    },
    syncRounds: () => engine.syncRounds(),
    syncNow: (roomId) => engine.syncNow(roomId),
    flushOutbox: () => engine.flushOutbox(),
    async idle() {
      await Promise.all([engine.idle(), keeper?.idle()]);
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
      await engine.idle();
      const linked: Room = { ...room, microsoft365: link };
      store.transaction(() => {
        // A room linked to another mailbox before starts over: its sync position belongs to that mailbox.
        engine.forgetRoom(roomId);
        store.saveRoom(linked, clock.now());
      });
      await engine.syncNow(roomId);
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
      await engine.idle();
      engine.forgetRoom(roomId);
      calendar.announce(roomId);
      return ok(local);
    },
    async revoke(by) {
      if (revocation) return;
      await stop();
      const rooms = linkedRooms();
      store.transaction(() => {
        for (const room of rooms) {
          store.saveRoom({ ...room, microsoft365: null }, clock.now());
          engine.forgetRoom(room.id);
        }
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
      if (revocation) return;
      engine.followRoomChange(roomId);
    },
    warningsHere: () => engine.warningsHere(),
    onWarningsChanged: (listener) => engine.onWarningsChanged(listener),
    followWarningsElsewhere: (from, list) => engine.followWarningsElsewhere(from, list),
    exportableCount: (roomId) => engine.exportableCount(roomId),
    async exportFutureBookings(roomId, onProgress) {
      if (revocation) return notConnected<never>();
      const room = store.getRoom(roomId);
      if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
      if (!room.microsoft365) return fail('not-allowed', `Room "${roomId}" is not linked to Microsoft 365.`);
      const report = await engine.exportFutureBookings(roomId, onProgress);
      return report ? ok(report) : notConnected<never>();
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
