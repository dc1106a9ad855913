import { afterEach, describe, expect, it } from 'vitest';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { postJson } from '../support/http.ts';
import { emulatedM365Env } from '../support/m365-process-env.ts';
import { startGraphEmulator, type GraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';

const SERVICE = 'lintel-bookings@contoso.example';
const SECRET = 'crash~test~secret';
const ROOMS = Array.from({ length: 50 }, (_, i) => ({ id: `room-${i}`, name: `Room ${i}`, mailbox: `room-${i}@contoso.example` }));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Microsoft 365: a crash while pushing walk-up bookings', () => {
  it('SIGKILL in the middle of 50 bookings, restart: each exists exactly once in the service mailbox', { timeout: 120_000 }, async () => {
    const tenant = new EmulatedTenant();
    const app = tenant.addApp({ secret: SECRET, secretEndDateTime: '2030-01-01T00:00:00Z' });
    tenant.addMailbox({ displayName: 'Lintel Bookings', emailAddress: SERVICE });
    for (const room of ROOMS) tenant.addRoom({ displayName: room.name, emailAddress: room.mailbox });
    const emulator: GraphEmulator = await startGraphEmulator(tenant);
    cleanup.push(() => emulator.close());

    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const env = emulatedM365Env({ dataDir: data.dir, emulator, tenantId: tenant.tenantId, clientId: app.appId, secret: SECRET, serviceMailbox: SERVICE, rooms: ROOMS, access: 'open' });
    const start = async () => {
      const bridge = await startBridgeProcess({ dataDir: data.dir, env });
      cleanup.push(() => bridge.stop('SIGKILL'));
      return bridge;
    };

    // Slow the service mailbox down, so the kill lands while bookings are on their way.
    for (let i = 0; i < 60; i++) tenant.faults.push({ kind: 'latency', ms: 40, mailbox: SERVICE });
    const first: BridgeProcess = await start();
    const bookings = ROOMS.map((room) => ({ room, action: { id: crypto.randomUUID(), type: 'book-now', minutes: 30 } }));
    const answers = await Promise.all(bookings.map(({ room, action }) => postJson(`${first.url}/api/rooms/${room.id}/actions`, action)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await until(() => tenant.eventsOf(SERVICE).length >= 10, 30_000, 'the first bookings to reach Exchange');
    await first.stop('SIGKILL');
    const beforeRestart = tenant.eventsOf(SERVICE).length;
    expect(beforeRestart).toBeLessThan(50);

    await start();
    await until(() => tenant.eventsOf(SERVICE).length >= 50, 60_000, 'all 50 bookings in Exchange');
    // Give a wrongly repeated create the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = tenant.eventsOf(SERVICE);
    expect(events).toHaveLength(50);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(50);
    expect(events.map((e) => e.transactionId).sort()).toEqual(bookings.map(({ action }) => `walk-up-${action.id}`).sort());
    for (const room of ROOMS) expect(tenant.eventsOf(room.mailbox)).toHaveLength(1);
  });
});
