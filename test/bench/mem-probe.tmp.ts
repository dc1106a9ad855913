import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { emulatedM365Env } from '../support/m365-process-env.ts';
import { watchingClient } from '../support/socket-client.ts';
import { startGraphEmulator } from '../graph-emulator/graph-emulator.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const SECRET = 'bench~secret';
const variants: Record<string, Record<string, string>> = {
  base: {},
  arena2: { MALLOC_ARENA_MAX: '2' },
  jemalloc: { LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2' },
};
const minutes = Number(process.argv[2] ?? 10);
const tenant = new EmulatedTenant();
const app = tenant.addApp({ secret: SECRET, secretEndDateTime: '2030-01-01T00:00:00Z', roles: ['Calendars.ReadWrite', 'Place.Read.All', 'Application.ReadWrite.OwnedBy'] });
tenant.addMailbox({ displayName: 'Lintel Bookings', emailAddress: 'lintel-bookings@contoso.example' });
tenant.addRoom({ displayName: ROOM.name, emailAddress: ROOM.mailbox });
const emulator = await startGraphEmulator(tenant);
const stops: Array<() => Promise<void>> = [];
for (const [name, extra] of Object.entries(variants)) {
  const data = tempDataDir();
  const bridge = await startBridgeProcess({
    dataDir: data.dir, build: true,
    env: { ...emulatedM365Env({ dataDir: data.dir, emulator, tenantId: tenant.tenantId, clientId: app.appId, secret: SECRET, serviceMailbox: 'lintel-bookings@contoso.example', rooms: [ROOM] }), NODE_OPTIONS: '--import /tmp/mem/probe.mjs', MEM_PROBE_FILE: `/tmp/mem/${name}.log`, ...extra },
  });
  const { socket } = await watchingClient(bridge.url, { roomId: ROOM.id });
  stops.push(async () => { socket.disconnect(); await bridge.stop(); data.remove(); });
}
await new Promise((r) => setTimeout(r, minutes * 60_000));
for (const stop of stops) await stop();
await emulator.close();
