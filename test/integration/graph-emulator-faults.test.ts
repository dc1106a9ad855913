import { describe, expect, it } from 'vitest';
import { emulatedGraph } from '../graph-emulator/graph-test-client.ts';

const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';

async function twoRooms() {
  const graph = await emulatedGraph();
  const north = graph.tenant.addRoom({ displayName: 'North', emailAddress: 'north@contoso.example' });
  const south = graph.tenant.addRoom({ displayName: 'South', emailAddress: 'south@contoso.example' });
  await graph.graph('/places/microsoft.graph.room');
  return { ...graph, north, south };
}

describe('Graph emulator: faults', () => {
  it('injects throttling with Retry-After and server errors, one request each, in order', async () => {
    const { tenant, graph } = await emulatedGraph();
    await graph('/places/microsoft.graph.room');
    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 7 }, { kind: 'server-error', status: 503 });
    const throttled = await graph('/places/microsoft.graph.room');
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(throttled.headers['retry-after']).toBe('7');
    expect(await graph('/places/microsoft.graph.room')).toMatchObject({ status: 503, body: { error: { code: 'ServiceNotAvailable' } } });
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
  });

  it('delays one request by the injected latency and leaves the next alone', async () => {
    const { tenant, graph } = await emulatedGraph();
    await graph('/places/microsoft.graph.room');
    tenant.faults.push({ kind: 'latency', ms: 400 });
    let started = performance.now();
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    started = performance.now();
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(390);
  });

  it('resets the connection without an answer, once', async () => {
    const { tenant, graph } = await emulatedGraph();
    await graph('/places/microsoft.graph.room');
    tenant.faults.push({ kind: 'connection-reset' });
    await expect(graph('/places/microsoft.graph.room')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
  });

  it('serves a mailbox-scoped fault only to requests on that mailbox, leaving it queued until one comes', async () => {
    const { tenant, graph, north, south } = await twoRooms();
    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 3, mailbox: 'South@contoso.example' }, { kind: 'server-error', status: 502, mailbox: south.emailAddress });
    expect((await graph(`/users/${north.emailAddress}/calendarView?${WINDOW}`)).status).toBe(200);
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    expect(tenant.faults).toHaveLength(2);
    const throttled = await graph(`/users/${south.id}/calendarView?${WINDOW}`);
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'ApplicationThrottled' } } });
    expect(throttled.headers['retry-after']).toBe('3');
    expect((await graph(`/users/${north.emailAddress}/calendarView?${WINDOW}`)).status).toBe(200);
    expect((await graph(`/users/${south.emailAddress}/calendarView?${WINDOW}`)).status).toBe(502);
    expect((await graph(`/users/${south.emailAddress}/calendarView?${WINDOW}`)).status).toBe(200);
  });

  it('resets only connections for the scoped mailbox, and delays only its requests', async () => {
    const { tenant, graph, north, south } = await twoRooms();
    tenant.faults.push({ kind: 'connection-reset', mailbox: south.emailAddress }, { kind: 'latency', ms: 300, mailbox: north.emailAddress });
    expect((await graph('/places/microsoft.graph.room')).status).toBe(200);
    await expect(graph(`/users/${south.emailAddress}/calendarView?${WINDOW}`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    const started = performance.now();
    expect((await graph(`/users/${north.emailAddress}/calendarView?${WINDOW}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(tenant.faults).toEqual([]);
  });

  it('counts requests per mailbox, by address or id, including faulted and refused ones', async () => {
    const { tenant, graph, north, south } = await twoRooms();
    await graph(`/users/${north.emailAddress}/calendarView?${WINDOW}`);
    await graph(`/users/${north.id}/calendarView?${WINDOW}`);
    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 1, mailbox: north.emailAddress });
    await graph(`/users/${north.emailAddress}/calendarView?${WINDOW}`);
    await graph(`/users/${north.emailAddress}/calendarView`);
    await graph(`/users/${south.emailAddress}/calendarView?${WINDOW}`);
    await graph('/places/microsoft.graph.room');
    expect(tenant.requestCount('NORTH@contoso.example')).toBe(4);
    expect(tenant.requestCount(south.emailAddress)).toBe(1);
    expect(tenant.requestCount('nobody@contoso.example')).toBe(0);
  });
});
