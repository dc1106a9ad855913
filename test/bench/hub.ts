import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { startRedisServer } from '../support/redis-server.ts';
import type { TestSocket } from '../support/socket-client.ts';
import { cpuSeconds, rssMb } from './process-stats.ts';
import { percentile, type BenchRow } from './table.ts';

const ROOMS = 1000;
const DISPLAYS_PER_ROOM = 5;
const SAMPLES = 200;
/** Connections opened at once: a building's displays come back together after a power cut, but not all in one millisecond. */
const CONNECT_BATCH = 250;

interface Hub {
  bridges: BridgeProcess[];
  stop(): Promise<void>;
}

function roomId(index: number): string {
  return `room-${String(index).padStart(4, '0')}`;
}

/** Where a hub's bridges keep their store: one SQLite data dir they share, or a PostgreSQL database and a data dir each (as on several machines). */
type Store = 'sqlite' | 'postgres';

/** A hub's bridges on 1,000 rooms from a rooms file, sharing their store (and Redis, when more than one). */
async function startHub(processes: number, store: Store): Promise<Hub> {
  const dataDirs = Array.from({ length: store === 'postgres' ? processes : 1 }, () => tempDataDir());
  const roomsFile = join(dataDirs[0]!.dir, 'rooms.json');
  // Open rooms: what is measured is the fan-out of changes, not 1,000 displays pairing first.
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({ id: roomId(i), name: `Room ${i}`, access: 'open', timeZone: 'Europe/Amsterdam' }));
  writeFileSync(roomsFile, JSON.stringify({ rooms }));
  const redis = processes > 1 ? await startRedisServer() : undefined;
  const postgres = store === 'postgres' ? await startPostgresServer() : undefined;
  const env = { LINTEL_CONFIG: roomsFile, ...(redis ? { LINTEL_REDIS_URL: redis.url } : {}), ...(postgres ? { LINTEL_DATABASE_URL: postgres.createDatabase() } : {}) };
  const bridges = await Promise.all(
    Array.from({ length: processes }, (_, i) => startBridgeProcess({ dataDir: dataDirs[i % dataDirs.length]!.dir, build: true, env })),
  );
  return {
    bridges,
    async stop() {
      for (const bridge of bridges) await bridge.stop();
      await redis?.stop();
      await postgres?.stop();
      for (const data of dataDirs) data.remove();
    },
  };
}

/** Every room's displays, connected and watching; display d of a room connects to bridge d mod the bridges. */
async function connectDisplays(bridges: BridgeProcess[]): Promise<TestSocket[][]> {
  const wanted = Array.from({ length: ROOMS * DISPLAYS_PER_ROOM }, (_, n) => ({ room: Math.floor(n / DISPLAYS_PER_ROOM), display: n % DISPLAYS_PER_ROOM }));
  const displays: TestSocket[][] = Array.from({ length: ROOMS }, () => []);
  for (let start = 0; start < wanted.length; start += CONNECT_BATCH) {
    await Promise.all(
      wanted.slice(start, start + CONNECT_BATCH).map(async ({ room, display }) => {
        const bridge = bridges[display % bridges.length]!;
        // Each display from an address of its own, as in a building: the bridge limits walk-up actions per address.
        const n = room * DISPLAYS_PER_ROOM + display;
        const localAddress = `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
        const socket: TestSocket = io(bridge.url, { transports: ['websocket'], forceNew: true, reconnection: false, ...{ localAddress } });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const watched = await socket.emitWithAck('room:watch', { roomId: roomId(room) });
        if (!watched.ok) throw new Error(`display could not watch ${roomId(room)}: ${watched.message}`);
        displays[room]![display] = socket;
      }),
    );
  }
  return displays;
}

async function measure(processes: number, store: Store): Promise<BenchRow[]> {
  const hub = await startHub(processes, store);
  const label = `${processes === 1 ? 'one bridge' : `${processes} bridges on Redis`}${store === 'postgres' ? ' and PostgreSQL' : ''}`;
  const pids = hub.bridges.map((bridge) => bridge.pid);
  try {
    const connectStarted = performance.now();
    const displays = await connectDisplays(hub.bridges);
    const connectMs = performance.now() - connectStarted;
    const rss = pids.map(rssMb);
    const cpuBefore = pids.map(cpuSeconds);
    const actionsStarted = performance.now();
    const samples: number[] = [];
    for (let n = 0; n < SAMPLES; n++) {
      // Spread over the building: every sample books a different room.
      const room = (n * 7) % ROOMS;
      samples.push(await fanOutMsFor(displays[room]!, roomId(room)));
    }
    const wallSeconds = (performance.now() - actionsStarted) / 1000;
    const cpuShare = pids.map((pid, i) => (100 * (cpuSeconds(pid) - cpuBefore[i]!)) / wallSeconds);
    for (const room of displays) for (const socket of room) socket.close();
    const perProcess = (values: number[], unit: string) => values.map((v) => `${v.toFixed(1)}${unit}`).join(' + ');
    return [
      {
        what: `${label}, ${ROOMS} rooms × ${DISPLAYS_PER_ROOM} displays: action → all ${DISPLAYS_PER_ROOM} displays of its room (p50 / p99 of ${SAMPLES})`,
        value: `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 99).toFixed(1)} ms`,
        budget: 'p99 <= 100 ms',
        ok: percentile(samples, 99) <= 100,
      },
      { what: `${label}: ${ROOMS * DISPLAYS_PER_ROOM} displays connected and watching`, value: `${(connectMs / 1000).toFixed(1)} s`, budget: '-', ok: null },
      { what: `${label}: bridge RSS with ${ROOMS * DISPLAYS_PER_ROOM} displays`, value: `${perProcess(rss, ' MB')}`, budget: '-', ok: null },
      { what: `${label}: bridge CPU while actions fan out (one core = 100 %)`, value: `${perProcess(cpuShare, ' %')}`, budget: '-', ok: null },
    ];
  } finally {
    await hub.stop();
  }
}

/** From a tap on one display (through its socket) to the moment the last of its room's displays has the new state. */
async function fanOutMsFor(displays: TestSocket[], room: string): Promise<number> {
  const started = performance.now();
  const arrived = displays.map((socket) => new Promise<number>((resolve) => socket.once('room:state', () => resolve(performance.now()))));
  const answer = await displays[0]!.emitWithAck('room:action', { roomId: room, action: { id: crypto.randomUUID(), type: 'book-now', minutes: 15 } });
  if (!answer.ok) throw new Error(`book-now on ${room} was refused: ${answer.message}`);
  return Math.max(...(await Promise.all(arrived))) - started;
}

/**
 * SPEC's hub numbers: fan-out of an action to every display of its room,
 * with 5,000 displays on 1,000 rooms; on one machine (SQLite), then as on
 * two (PostgreSQL, a data dir each).
 */
export async function hubBench(): Promise<BenchRow[]> {
  return [...(await measure(1, 'sqlite')), ...(await measure(2, 'sqlite')), ...(await measure(2, 'postgres'))];
}
