import { io } from 'socket.io-client';
import type { BridgeProcess } from '../support/bridge-process.ts';
import type { TestSocket } from '../support/socket-client.ts';
import { startBenchBridge } from './bench-bridge.ts';
import { rssMb } from './process-stats.ts';
import type { BenchRow } from './table.ts';

const CONNECTIONS = 2000;
const ROUNDS = 3;
const WARM_UP_CONNECTIONS = 200;
/** Opened at once, as in hub.ts: a building's displays come back together after a power cut, but not all in one millisecond. */
const CONNECT_BATCH = 250;
/** How long the bridge has to give the memory back, and how long it settles before the baseline is taken. */
const SETTLE_SECONDS = 30;
const BUDGET_MB = 10;
const PEAK_SAMPLE_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A display's connection as the web app opens it (long-polling, then upgraded to WebSocket), watching the demo room. */
async function watchingDisplay(url: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, { forceNew: true, reconnection: false });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const watched = await socket.emitWithAck('room:watch', { roomId: 'demo' });
    if (!watched.ok) throw new Error(`a display could not watch the demo room: ${watched.message}`);
    return socket;
  } catch (error) {
    socket.close();
    throw error;
  }
}

/** `count` displays connected and watching, all open together, then all closed. */
async function round(bridge: BridgeProcess, count: number): Promise<void> {
  const sockets: TestSocket[] = [];
  try {
    for (let start = 0; start < count; start += CONNECT_BATCH) {
      const batch = await Promise.allSettled(Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, () => watchingDisplay(bridge.url)));
      for (const result of batch) if (result.status === 'fulfilled') sockets.push(result.value);
      const failed = batch.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

/** RSS once a second for `seconds` seconds: the samples, first at 1 s. */
async function rssEverySecond(pid: number, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let s = 1; s <= seconds; s++) {
    await sleep(1000);
    samples.push(rssMb(pid));
  }
  return samples;
}

/**
 * Memory after connection churn: the bridge's RSS once 2,000 displays have
 * connected, watched a room and gone, three times over, against its RSS
 * after a small warm-up round (its code loaded and compiled) and the same
 * 30 s to settle.
 */
export async function socketChurnBench(): Promise<BenchRow[]> {
  const bridge = await startBenchBridge();
  try {
    await round(bridge, WARM_UP_CONNECTIONS);
    const baseline = (await rssEverySecond(bridge.pid, SETTLE_SECONDS)).at(-1)!;

    let peak = rssMb(bridge.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(bridge.pid))), PEAK_SAMPLE_MS);
    try {
      for (let n = 0; n < ROUNDS; n++) await round(bridge, CONNECTIONS);
    } finally {
      clearInterval(sampler);
    }
    const after = await rssEverySecond(bridge.pid, SETTLE_SECONDS);
    peak = Math.max(peak, ...after);
    const settled = after.at(-1)!;
    const above = settled - baseline;
    const backAfter = after.findIndex((rss) => rss - baseline <= BUDGET_MB);
    return [
      {
        what: `bridge RSS before socket churn (${SETTLE_SECONDS} s after a warm-up round of ${WARM_UP_CONNECTIONS} connections)`,
        value: `${baseline.toFixed(1)} MB`,
        budget: '-',
        ok: null,
      },
      { what: `bridge RSS peak, ${ROUNDS} rounds of ${CONNECTIONS.toLocaleString('en')} socket connections opened and closed`, value: `${peak.toFixed(1)} MB`, budget: '-', ok: null },
      { what: `bridge RSS ${SETTLE_SECONDS} s after the last round closed`, value: `${settled.toFixed(1)} MB`, budget: '-', ok: null },
      {
        what: `RSS ${SETTLE_SECONDS} s after ${CONNECTIONS.toLocaleString('en')} socket connections closed, above baseline`,
        value: `${above.toFixed(1)} MB (within ${BUDGET_MB} MB ${backAfter === -1 ? 'at no sample' : `from ${backAfter + 1} s`})`,
        budget: `<= ${BUDGET_MB} MB`,
        ok: above <= BUDGET_MB,
      },
    ];
  } finally {
    await bridge.stop();
  }
}
