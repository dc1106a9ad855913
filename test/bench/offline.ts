import type { Browser, Page } from 'playwright-core';
import { REPLAY_END_MARK, REPLAY_START_MARK, STATUS_PAINTED_MARK } from '../../web/src/lib/paint-mark.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { percentile, type BenchRow } from './table.ts';

const RELOADS = 10;
const QUEUED = 100;

async function statusPaintedMs(page: Page): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, STATUS_PAINTED_MARK);
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, STATUS_PAINTED_MARK);
}

/** Clicks a button by its text inside the page: fast enough to queue a hundred actions. */
function tap(page: Page, text: string): Promise<void> {
  return page.evaluate(async (label) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes(label));
    if (!button) throw new Error(`no button "${label}"`);
    button.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }, text);
}

/**
 * The display with its bridge gone: reloads served by the service worker and
 * IndexedDB alone, then 100 actions queued offline and replayed when the
 * bridge is back (measured in the page, from the first send to the last answer).
 */
export async function offlineBench(browser: Browser): Promise<BenchRow[]> {
  const data = tempDataDir();
  let bridge: BridgeProcess = await startBridgeProcess({ dataDir: data.dir, build: true, env: { LINTEL_DEMO_MEETINGS: 'false' } });
  const port = new URL(bridge.url).port;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(`${bridge.url}/rooms/demo`);
    await statusPaintedMs(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await bridge.stop();

    const reloads: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      await page.reload();
      reloads.push(await statusPaintedMs(page));
    }

    for (let i = 0; i < QUEUED / 2; i++) {
      await tap(page, 'Book now');
      await tap(page, '15 min');
      await tap(page, 'End now');
      await tap(page, 'Yes, end now');
    }
    bridge = await startBridgeProcess({ dataDir: data.dir, build: true, env: { PORT: port } });
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, REPLAY_END_MARK, { timeout: 120_000 });
    const replayMs = await page.evaluate(
      ([start, end]) => performance.getEntriesByName(end!)[0]!.startTime - performance.getEntriesByName(start!)[0]!.startTime,
      [REPLAY_START_MARK, REPLAY_END_MARK],
    );
    const reloadMedian = percentile(reloads, 50);
    return [
      {
        what: `reload with the bridge down to status painted (median of ${RELOADS})`,
        value: `${reloadMedian.toFixed(0)} ms (min ${Math.min(...reloads).toFixed(0)}, max ${Math.max(...reloads).toFixed(0)})`,
        budget: '<= 300 ms',
        ok: reloadMedian <= 300,
      },
      { what: `replay of ${QUEUED} actions queued offline, after reconnect`, value: `${replayMs.toFixed(0)} ms (${(replayMs / QUEUED).toFixed(1)} ms each)`, budget: '-', ok: null },
    ];
  } finally {
    await context.close();
    await bridge.stop();
    data.remove();
  }
}
