import { Counter, Gauge, Registry } from 'prom-client';
import type { Clock } from '../../../shared/clock.ts';
import type { BaseUnit } from '../devices/base-unit/unit-session.ts';
import { GRAPH_OUTCOMES, GRAPH_THROTTLES } from '../calendars/microsoft-365/graph-traffic.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import type { Microsoft365Integration, Microsoft365Status } from '../calendars/microsoft-365/microsoft-365.ts';

/** This bridge's own socket.io connections (not those of other bridges sharing fan-out). */
export interface DisplayConnections {
  total(): number;
  watching(roomId: string): number;
}

type RemoteRoomSync = ReturnType<RemoteCalendarEngine['roomsSynced']>[number];

export interface MetricsSources {
  clock: Clock;
  /** Every room the bridge serves. */
  roomIds: () => string[];
  /** Whether the store answers: while it does not, what is read from it is left out of a scrape. */
  storeReachable: () => boolean;
  displays: DisplayConnections;
  baseUnits: ReadonlyMap<string, Pick<BaseUnit, 'status'>>;
  /** Absent without Microsoft 365: its metrics are then absent too. */
  microsoft365?: Pick<Microsoft365Integration, 'status'> | undefined;
  /** Rooms on Google Workspace, CalDAV or ICS calendars, when there are any. */
  remoteCalendars?: Pick<RemoteCalendarEngine, 'roomsSynced'> | undefined;
  /** Whether this process holds a room's sync lease; absent for a lone bridge, which syncs every room. */
  syncsHere?: ((roomId: string) => boolean) | undefined;
}

type Sample<L extends string> = [labels: Partial<Record<L, string>>, value: number];

const POWER_STATES = ['on', 'standby', 'unknown'] as const;

/**
 * The bridge's metrics in Prometheus' text format, in a registry of its own
 * (several bridges may run in one process, as in tests). Every value is read
 * from the bridge when scraped, so nothing has to be kept in step; labels are
 * room ids, never mailboxes.
 */
export class BridgeMetrics {
  readonly #registry = new Registry();
  readonly #sources: MetricsSources;
  /** What comes from the store, read once per scrape for all the metrics. */
  #scrape: { storeUp: boolean; roomIds: string[]; m365: Microsoft365Status | undefined; remote: RemoteRoomSync[] } = { storeUp: true, roomIds: [], m365: undefined, remote: [] };

  constructor(sources: MetricsSources) {
    this.#sources = sources;
    const registers = [this.#registry];
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Sample<L>[]) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        collect() {
          // Reset first, so a room that went away (unlinked, removed) goes away here too.
          this.reset();
          for (const [labels, value] of read()) this.set(labels, value);
        },
      });
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Sample<L>[]) =>
      new Counter<L>({
        name,
        help,
        labelNames,
        registers,
        collect() {
          // The source keeps the totals; this only copies them.
          this.reset();
          for (const [labels, value] of read()) this.inc(labels, value);
        },
      });

    const { displays, baseUnits } = sources;
    const roomIds = () => this.#scrape.roomIds;
    // prom-client's default process metrics would cost 1.5-2 MB of RSS (measured) on a bridge whose budget is
    // 100 MB; resident memory is the one that budget needs, under the name those defaults give it.
    gauge('lintel_process_resident_memory_bytes', 'Resident memory of the bridge process (its budget is 100 MB).', [], () => [[{}, process.memoryUsage.rss()]]);
    gauge('lintel_store_up', '1 while the bridge reaches its store, 0 while it cannot (its room and Microsoft 365 metrics are then left out).', [], () => [[{}, this.#scrape.storeUp ? 1 : 0]]);
    gauge('lintel_displays_connected', 'Displays connected to this bridge over socket.io, watching a room or showing a pairing code.', [], () => [[{}, displays.total()]]);
    gauge('lintel_room_displays_connected', 'Displays connected to this bridge that show the room.', ['room'], () =>
      roomIds().map((room) => [{ room }, displays.watching(room)]),
    );

    const units = () => [...baseUnits].map(([room, unit]) => ({ room, status: unit.status() }));
    gauge('lintel_base_unit_connected', '1 while the room\'s base unit answers on its serial port, 0 while the bridge is looking for it.', ['room'], () =>
      units().map(({ room, status }) => [{ room }, status.connected ? 1 : 0]),
    );
    gauge('lintel_base_unit_power', '1 for the power state the room\'s base unit last reported (on, standby), or unknown before it said.', ['room', 'state'], () =>
      units().flatMap(({ room, status }) => POWER_STATES.map((state): Sample<'room' | 'state'> => [{ room, state }, (status.power ?? 'unknown') === state ? 1 : 0])),
    );
    gauge('lintel_base_unit_sharing', '1 while someone shares a screen through the room\'s base unit.', ['room'], () =>
      units().map(({ room, status }) => [{ room }, status.sharing ? 1 : 0]),
    );
    gauge('lintel_base_unit_people', 'People the room\'s base unit counts; absent for a unit without an occupancy sensor.', ['room'], () =>
      units().flatMap(({ room, status }): Sample<'room'>[] => (status.people === null ? [] : [[{ room }, status.people]])),
    );

    const { syncsHere } = sources;
    if (syncsHere) {
      gauge('lintel_room_synced_here', '1 when this bridge process holds the room\'s sync lease (bridges sharing Redis): exactly one process per room should.', ['room'], () =>
        roomIds().map((room) => [{ room }, syncsHere(room) ? 1 : 0]),
      );
    }

    if (sources.remoteCalendars) {
      const lag = (syncedAt: number | null) => (syncedAt === null ? Infinity : Math.max(0, (sources.clock.now() - syncedAt) / 1000));
      gauge('lintel_calendar_sync_lag_seconds', 'Seconds since the room\'s Google, CalDAV or ICS calendar last confirmed its copy (+Inf before it ever did). Normally under one sync period.', ['room'], () =>
        this.#scrape.remote.map((room) => [{ room: room.roomId }, lag(room.syncedAt)]),
      );
      gauge('lintel_calendar_outbox_depth', 'Walk-up changes of the room waiting to be written to its Google or CalDAV calendar.', ['room'], () =>
        this.#scrape.remote.map((room) => [{ room: room.roomId }, room.outboxDepth]),
      );
    }

    const m365 = () => this.#scrape.m365;
    if (sources.microsoft365) {
      gauge('lintel_m365_sync_lag_seconds', 'Seconds since Exchange last confirmed the room\'s calendar (+Inf before it ever did). Normally under two sync periods.', ['room'], () =>
        (m365()?.rooms ?? []).map((room) => [{ room: room.roomId }, room.syncedAt === null ? Infinity : Math.max(0, (sources.clock.now() - room.syncedAt) / 1000)]),
      );
      // NaN, Prometheus' unknown, while the store cannot be read: a gauge without labels is never absent.
      gauge('lintel_m365_outbox_depth', 'Walk-up changes waiting to be written to Exchange, all rooms.', [], () => [[{}, m365()?.outboxDepth ?? NaN]]);
      gauge('lintel_m365_room_outbox_depth', 'Walk-up changes of the room waiting to be written to Exchange.', ['room'], () =>
        (m365()?.rooms ?? []).map((room) => [{ room: room.roomId }, room.outboxDepth]),
      );
      counter('lintel_m365_graph_requests_total', 'Microsoft Graph requests since the bridge started, by outcome: the status class, or no-answer (timeout, reset, unreachable).', ['outcome'], () => {
        const requests = m365()?.graphTraffic.requests;
        return requests ? GRAPH_OUTCOMES.map((outcome) => [{ outcome }, requests[outcome]]) : [];
      });
      counter('lintel_m365_graph_throttles_total', 'Microsoft Graph answers asking the bridge to slow down, by status: 429, or 503 with Retry-After.', ['status'], () => {
        const throttles = m365()?.graphTraffic.throttles;
        return throttles ? GRAPH_THROTTLES.map((status) => [{ status }, throttles[status]]) : [];
      });
    }
  }

  /** `text/plain; version=0.0.4; charset=utf-8`: Prometheus' text exposition format. */
  get contentType(): string {
    return this.#registry.contentType;
  }

  text(): Promise<string> {
    const storeUp = this.#sources.storeReachable();
    this.#scrape = storeUp
      ? { storeUp, roomIds: this.#sources.roomIds(), m365: this.#sources.microsoft365?.status(), remote: this.#sources.remoteCalendars?.roomsSynced() ?? [] }
      : { storeUp, roomIds: [], m365: undefined, remote: [] };
    return this.#registry.metrics();
  }
}
