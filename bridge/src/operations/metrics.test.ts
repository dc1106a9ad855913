import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { parseMetrics as parse } from '../../../test/support/prometheus-text.ts';
import type { BaseUnitStatus } from '../devices/base-unit/unit-session.ts';
import type { Microsoft365Status } from '../calendars/microsoft-365/microsoft-365.ts';
import { BridgeMetrics, type MetricsSources } from './metrics.ts';

const unit = (status: Partial<BaseUnitStatus>): { status: () => BaseUnitStatus } => ({
  status: () => ({ connected: true, port: '/dev/ttyACM0', model: 'BU-1', serial: 'A1', firmware: '1.0', lastSeenAt: null, lastFault: null, power: 'on', sharing: false, clients: 0, people: null, ...status }),
});

function sources(overrides: Partial<MetricsSources> = {}): MetricsSources {
  return {
    clock: new FakeClock('2026-11-23T08:00:00Z'),
    roomIds: () => ['harbour', 'lobby'],
    storeReachable: () => true,
    displays: { total: () => 3, watching: (roomId) => (roomId === 'harbour' ? 2 : 0) },
    baseUnits: new Map([
      ['harbour', unit({ power: 'standby', people: 4, sharing: true })],
      ['lobby', unit({ connected: false, power: null })],
    ]),
    ...overrides,
  };
}

const m365Status = (now: number): Pick<Microsoft365Status, 'rooms' | 'outboxDepth' | 'graphTraffic'> => ({
  outboxDepth: 3,
  rooms: [
    { roomId: 'harbour', mailbox: 'harbour@contoso.example', syncedAt: now - 12_500, outboxDepth: 3 },
    { roomId: 'lobby', mailbox: 'lobby@contoso.example', syncedAt: null, outboxDepth: 0 },
  ],
  graphTraffic: { requests: { '2xx': 40, '3xx': 0, '4xx': 2, '5xx': 1, 'no-answer': 5 }, throttles: { '429': 2, '503': 1 } },
});

describe('the metrics a monitoring system scrapes', () => {
  it('says how many displays are connected, in all and per room, and how each base unit stands', async () => {
    const metrics = new BridgeMetrics(sources());
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { samples, types } = parse(await metrics.text());
    expect(samples.get('lintel_process_resident_memory_bytes')).toBeGreaterThan(10e6);
    samples.delete('lintel_process_resident_memory_bytes');
    expect(Object.fromEntries(samples)).toEqual({
      lintel_store_up: 1,
      lintel_displays_connected: 3,
      'lintel_room_displays_connected{room="harbour"}': 2,
      'lintel_room_displays_connected{room="lobby"}': 0,
      'lintel_base_unit_connected{room="harbour"}': 1,
      'lintel_base_unit_connected{room="lobby"}': 0,
      'lintel_base_unit_power{room="harbour",state="on"}': 0,
      'lintel_base_unit_power{room="harbour",state="standby"}': 1,
      'lintel_base_unit_power{room="harbour",state="unknown"}': 0,
      'lintel_base_unit_power{room="lobby",state="on"}': 0,
      'lintel_base_unit_power{room="lobby",state="standby"}': 0,
      'lintel_base_unit_power{room="lobby",state="unknown"}': 1,
      'lintel_base_unit_sharing{room="harbour"}': 1,
      'lintel_base_unit_sharing{room="lobby"}': 0,
      'lintel_base_unit_people{room="harbour"}': 4,
    });
    expect(types.get('lintel_displays_connected')).toBe('gauge');
  });

  it('adds sync lag, outbox depth, Graph requests and throttles with Microsoft 365, labelled by room and never by mailbox', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const metrics = new BridgeMetrics(sources({ clock, microsoft365: { status: () => m365Status(clock.now()) as Microsoft365Status } }));
    const text = await metrics.text();
    expect(text).not.toContain('@');
    const { samples, types } = parse(text);
    const m365 = Object.fromEntries([...samples].filter(([name]) => name.startsWith('lintel_m365_')));
    expect(m365).toEqual({
      'lintel_m365_sync_lag_seconds{room="harbour"}': 12.5,
      'lintel_m365_sync_lag_seconds{room="lobby"}': Infinity,
      lintel_m365_outbox_depth: 3,
      'lintel_m365_room_outbox_depth{room="harbour"}': 3,
      'lintel_m365_room_outbox_depth{room="lobby"}': 0,
      'lintel_m365_graph_requests_total{outcome="2xx"}': 40,
      'lintel_m365_graph_requests_total{outcome="3xx"}': 0,
      'lintel_m365_graph_requests_total{outcome="4xx"}': 2,
      'lintel_m365_graph_requests_total{outcome="5xx"}': 1,
      'lintel_m365_graph_requests_total{outcome="no-answer"}': 5,
      'lintel_m365_graph_throttles_total{status="429"}': 2,
      'lintel_m365_graph_throttles_total{status="503"}': 1,
    });
    expect(types.get('lintel_m365_graph_requests_total')).toBe('counter');
    expect(types.get('lintel_m365_sync_lag_seconds')).toBe('gauge');
  });

  it('reads the bridge anew at every scrape: lag grows with the clock, a room gone goes from the metrics', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    let status = m365Status(clock.now());
    const metrics = new BridgeMetrics(sources({ clock, microsoft365: { status: () => status as Microsoft365Status } }));
    await metrics.text();
    clock.advance(30_000);
    status = { ...status, rooms: status.rooms.filter((room) => room.roomId === 'harbour') };
    const { samples } = parse(await metrics.text());
    expect(samples.get('lintel_m365_sync_lag_seconds{room="harbour"}')).toBe(42.5);
    expect(samples.has('lintel_m365_sync_lag_seconds{room="lobby"}')).toBe(false);
  });

  it('still answers while the store cannot be reached: says so, and leaves out only what comes from the store', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    let storeUp = false;
    const unreadable = () => {
      if (!storeUp) throw new Error('read the store while it is down');
      return ['harbour', 'lobby'];
    };
    const metrics = new BridgeMetrics(
      sources({ clock, storeReachable: () => storeUp, roomIds: unreadable, microsoft365: { status: () => (unreadable(), m365Status(clock.now()) as Microsoft365Status) } }),
    );
    const down = parse(await metrics.text()).samples;
    expect(down.get('lintel_store_up')).toBe(0);
    expect(down.get('lintel_displays_connected')).toBe(3);
    expect(down.get('lintel_base_unit_connected{room="harbour"}')).toBe(1);
    expect(down.get('lintel_m365_outbox_depth')).toBeNaN();
    expect([...down.keys()].filter((name) => name.startsWith('lintel_room_') || (name.startsWith('lintel_m365_') && name !== 'lintel_m365_outbox_depth'))).toEqual([]);

    storeUp = true;
    const up = parse(await metrics.text()).samples;
    expect(up.get('lintel_store_up')).toBe(1);
    expect(up.get('lintel_room_displays_connected{room="harbour"}')).toBe(2);
    expect(up.get('lintel_m365_outbox_depth')).toBe(3);
  });

  it("keeps each bridge's metrics apart: several run in one process", async () => {
    const one = new BridgeMetrics(sources());
    const other = new BridgeMetrics(sources({ displays: { total: () => 9, watching: () => 0 } }));
    expect(parse(await one.text()).samples.get('lintel_displays_connected')).toBe(3);
    expect(parse(await other.text()).samples.get('lintel_displays_connected')).toBe(9);
  });
});
