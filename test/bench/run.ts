import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ACTION_RATE } from '../../bridge/src/rooms/action-limit.ts';
import { STATUS_PAINTED_MARK } from '../../web/src/lib/paint-mark.ts';
import type { BridgeProcess } from '../support/bridge-process.ts';
import { launchChromium } from '../support/chromium.ts';
import { baseUnitBench } from './base-unit.ts';
import { startBenchBridge } from './bench-bridge.ts';
import { bridgeWeekBench } from './bridge-week.ts';
import { displayControlBench } from './display-control.ts';
import { displayToDisplay } from './display-to-display.ts';
import { displayWeekBench } from './display-week.ts';
import { hubBench } from './hub.ts';
import { insightsBench } from './insights.ts';
import { lighthouseBench } from './lighthouse.ts';
import { microsoft365Bench } from './m365.ts';
import { remoteCalendarBench } from './remote-calendars.ts';
import { offlineBench } from './offline.ts';
import { rssMb } from './process-stats.ts';
import { socketChurnBench } from './socket-churn.ts';
import { percentile, printTable, type BenchRow } from './table.ts';

/**
 * `npm run bench`: the numbers of SPEC section 12 that this build can reach,
 * measured on the built app and the real bridge, printed as one table.
 */
const webDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const LOADS = 10;
/** All taken on one display: as many as the bridge takes from one client at once (a longer run would be paced by its limit). */
const ACTIONS = ACTION_RATE.capacity;
const M365_SAMPLES = 12;
/** Fewer than Microsoft 365's: three providers, each sample up to one period long. */
const REMOTE_CALENDAR_SAMPLES = 6;

function displayRouteGzipBytes(): number {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return assets.reduce((sum, asset) => sum + gzipSync(readFileSync(join(webDir, asset)), { level: 9 }).length, 0);
}


async function coldLoads(browser: Browser, url: string): Promise<number[]> {
  const paints: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, STATUS_PAINTED_MARK);
    paints.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, STATUS_PAINTED_MARK));
    await context.close();
  }
  return paints;
}

const started: BridgeProcess[] = [];
async function bridge(env: Record<string, string> = {}): Promise<BridgeProcess> {
  const running = await startBenchBridge(env);
  started.push(running);
  return running;
}

const browser = await launchChromium();
try {
  const rows: BenchRow[] = [];
  const gzip = displayRouteGzipBytes();
  rows.push({ what: 'display route JS+CSS, gzipped', value: `${(gzip / 1024).toFixed(1)} KB`, budget: '<= 60 KB', ok: gzip <= 60 * 1024 });

  const demo = await bridge();
  const rssAtStart = rssMb(demo.pid);
  const paints = await coldLoads(browser, `${demo.url}/`);
  const median = percentile(paints, 50);
  rows.push({
    what: `cold load to status painted (median of ${LOADS})`,
    value: `${median.toFixed(0)} ms (min ${Math.min(...paints).toFixed(0)}, max ${Math.max(...paints).toFixed(0)})`,
    budget: '<= 500 ms',
    ok: median <= 500,
  });
  rows.push({ what: 'bridge RSS after start', value: `${rssAtStart.toFixed(1)} MB`, budget: '<= 100 MB (one room)', ok: rssAtStart <= 100 });
  const rssAfterLoads = rssMb(demo.pid);
  rows.push({ what: `bridge RSS after ${LOADS} display loads`, value: `${rssAfterLoads.toFixed(1)} MB`, budget: '<= 100 MB (one room)', ok: rssAfterLoads <= 100 });
  rows.push(await lighthouseBench(`${demo.url}/`));
  rows.push(...(await socketChurnBench()));

  // SPEC: p99 with 1,000 displays connected, here all of one room (the most fan-out per action).
  for (const extra of [0, 998]) {
    const empty = await bridge({ LINTEL_DEMO_MEETINGS: 'false' });
    rows.push(...(await displayToDisplay(browser, empty.url, ACTIONS, extra)));
  }
  rows.push(...(await offlineBench(browser)));
  rows.push(...(await displayWeekBench(browser)));
  rows.push(...(await baseUnitBench()));
  rows.push(...(await displayControlBench()));
  rows.push(...(await microsoft365Bench(M365_SAMPLES, rssMb, 'application')));
  rows.push(...(await microsoft365Bench(M365_SAMPLES, rssMb, 'delegated')));
  for (const kind of ['caldav', 'ics', 'google'] as const) rows.push(...(await remoteCalendarBench(kind, REMOTE_CALENDAR_SAMPLES, rssMb)));
  rows.push(...(await bridgeWeekBench()));
  rows.push(...(await hubBench()));
  rows.push(...(await insightsBench()));
  printTable(rows);
} finally {
  await browser.close();
  for (const running of started) await running.stop();
}
