import { spawn } from 'node:child_process';
import { once } from 'node:events';
import lighthouse, { type Result } from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { tempDataDir } from '../support/bridge-process.ts';
import { percentile, type BenchRow } from './table.ts';

const RUNS = 5;
const BUDGET = 95;

/** Debian's Chromium with the project's flags and a DevTools port (the OS picks it; Chromium prints it), for Lighthouse to drive. */
async function chromiumWithDevTools(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = tempDataDir();
  // In a process group of its own: Chromium's helper processes (zygote, renderers) write to the profile too, and
  // outlive the browser process by a moment when only it is ended; the group is all of them, and all started here.
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile.dir}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    profile.remove();
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timeout = setTimeout(() => reject(new Error(`Chromium opened no DevTools port in 20 s:\n${output}`)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
        if (port === undefined) return;
        clearTimeout(timeout);
        resolve(Number(port));
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before opening its DevTools port:\n${output}`)));
    });
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The audits of the performance category that did not pass, worst first: what Lighthouse blames. */
function blamed(result: Result): string[] {
  const refs = result.categories.performance?.auditRefs ?? [];
  return refs
    .map((ref) => result.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
    .sort((a, b) => (a!.score ?? 0) - (b!.score ?? 0))
    .map((audit) => `${audit!.id} (${audit!.displayValue ?? audit!.score})`);
}

/**
 * SPEC section 12: the display page's Lighthouse performance score on the
 * mobile preset (Lighthouse's default: a mid-range phone's screen, a slow 4G
 * network and a 4x slower CPU, simulated), the median of five runs (as Lighthouse advises for its variance), each in
 * a fresh profile's first load.
 */
export async function lighthouseBench(url: string): Promise<BenchRow> {
  const results: Result[] = [];
  for (let i = 0; i < RUNS; i++) {
    const chromium = await chromiumWithDevTools();
    try {
      const run = await lighthouse(url, { port: chromium.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
      if (!run) throw new Error(`Lighthouse gave no result for ${url}`);
      results.push(run.lhr);
    } finally {
      await chromium.stop();
    }
  }
  const score = (result: Result) => Math.round((result.categories.performance?.score ?? 0) * 100);
  const median = percentile(results.map(score), 50);
  const medianRun = results.find((result) => score(result) === median)!;
  const metric = (id: string) => medianRun.audits[id]?.displayValue ?? '?';
  const scores = results.map(score);
  const blame = median < BUDGET ? `; blames ${blamed(medianRun).join(', ')}` : '';
  return {
    what: `display page, Lighthouse performance, mobile preset (median of ${RUNS})`,
    value: `${median} (min ${Math.min(...scores)}, max ${Math.max(...scores)}; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}${blame})`,
    budget: `>= ${BUDGET}`,
    ok: median >= BUDGET,
  };
}
