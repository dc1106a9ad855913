import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { STATUS_PAINTED_MARK } from '../../web/src/lib/paint-mark.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * `npm run bench`: the numbers of SPEC section 12 that this build can reach,
 * measured on the built app and the real bridge, printed as one table.
 */
const webDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const LOADS = 10;

interface Row {
  what: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

function displayRouteGzipBytes(): number {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return assets.reduce((sum, asset) => sum + gzipSync(readFileSync(join(webDir, asset)), { level: 9 }).length, 0);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const data = tempDataDir();
const bridge = await startBridgeProcess({ dataDir: data.dir, build: true });
const browser = await launchChromium();
try {
  const rows: Row[] = [];
  const gzip = displayRouteGzipBytes();
  rows.push({ what: 'display route JS+CSS, gzipped', value: `${(gzip / 1024).toFixed(1)} KB`, budget: '<= 60 KB', ok: gzip <= 60 * 1024 });

  const rssAtStart = rssMb(bridge.pid);

  const paints: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${bridge.url}/`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, STATUS_PAINTED_MARK);
    paints.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, STATUS_PAINTED_MARK));
    await context.close();
  }
  const coldMedian = median(paints);
  rows.push({
    what: `cold load to status painted (median of ${LOADS})`,
    value: `${coldMedian.toFixed(0)} ms (min ${Math.min(...paints).toFixed(0)}, max ${Math.max(...paints).toFixed(0)})`,
    budget: '<= 500 ms',
    ok: coldMedian <= 500,
  });
  rows.push({ what: 'bridge RSS after start', value: `${rssAtStart.toFixed(1)} MB`, budget: '<= 100 MB (one room)', ok: rssAtStart <= 100 });
  rows.push({ what: `bridge RSS after ${LOADS} display loads`, value: `${rssMb(bridge.pid).toFixed(1)} MB`, budget: '<= 100 MB (one room)', ok: rssMb(bridge.pid) <= 100 });

  printTable(rows);
} finally {
  await browser.close();
  await bridge.stop();
  data.remove();
}

function printTable(rows: Row[]): void {
  const header = ['what', 'measured', 'budget', 'within'];
  const lines = rows.map((r) => [r.what, r.value, r.budget, r.ok === null ? '-' : r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));
}
