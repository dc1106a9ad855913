import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writePrecompressedCopies } from '../../scripts/precompressed-copies.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';

const session = useChromium();

/** A copy of the built app the test can "deploy" a new version into. */
function deployableWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-web-'));
  // dist/web is a link to the live build: copy the build, not the link.
  cpSync(BUILT_WEB_DIR, dir, { recursive: true, dereference: true });
  session.defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new build: a changed page shell, and a service worker that precaches it under a new revision, with the compressed copies the build writes. */
function deployNewVersion(dir: string): void {
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head>\n    <meta name="lintel-build" content="2" />'));
  const worker = join(dir, 'sw.js');
  writeFileSync(worker, readFileSync(worker, 'utf8').replace(/(url:"index\.html",revision:")[^"]+/, `$1${crypto.randomUUID()}`));
  writePrecompressedCopies(dir);
}

async function runsNewVersion(page: Page): Promise<boolean> {
  try {
    return (await page.locator('meta[name="lintel-build"]').count()) === 1;
  } catch {
    return false; // the page is reloading right now
  }
}

async function openControlledDisplay(url: string): Promise<Page> {
  const display = await openDisplayPage(session.browser(), url);
  session.defer(() => display.close());
  await display.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return display.page;
}

/** Deploying means a new build in the web folder and the bridge restarted on it. */
async function deployAndRestart(bridge: TestBridge, webDir: string, clock: FakeClock): Promise<TestBridge> {
  deployNewVersion(webDir);
  await bridge.close();
  const restarted = await startTestBridge({ clock, webDir, store: bridge.store, port: bridge.port });
  session.defer(() => restarted.close());
  return restarted;
}

describe('a new version of the app', () => {
  it('is picked up by an idle display by itself, with one reload', async () => {
    const webDir = deployableWebDir();
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const bridge = await startTestBridge({ clock, webDir });
    const page = await openControlledDisplay(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    let loads = 0;
    page.on('load', () => loads++);

    await deployAndRestart(bridge, webDir, clock);
    await expect.poll(() => runsNewVersion(page), { timeout: 30_000 }).toBe(true);
    await statusWord(page, 'Available').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(loads).toBe(1);
  });

  it('waits while a meeting is in progress, and switches once the room is free', async () => {
    const webDir = deployableWebDir();
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const meeting = timed('2026-11-23T09:30:00+01:00', '2026-11-23T12:00:00+01:00', { roomId: 'demo' });
    const bridge = await startTestBridge({ clock, webDir, meetings: [meeting] });
    const page = await openControlledDisplay(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Busy').waitFor();

    const restarted = await deployAndRestart(bridge, webDir, clock);
    const newVersionWaiting = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);
    await expect.poll(newVersionWaiting, { timeout: 30_000 }).toBe(true);
    // Idle checks run every 5 s: give a few of them the chance to get it wrong.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(await runsNewVersion(page)).toBe(false);
    await statusWord(page, 'Busy').waitFor();

    await postJson(`${restarted.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'end-now' });
    await expect.poll(() => runsNewVersion(page), { timeout: 30_000 }).toBe(true);
  });
});

describe('the web app manifest', () => {
  it('describes a full-screen app in any orientation with installable icons', async () => {
    const bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), webDir: BUILT_WEB_DIR });
    session.defer(() => bridge.close());
    const manifest = (await (await fetch(`${bridge.url}/manifest.webmanifest`)).json()) as { display: string; orientation: string; icons: { src: string; sizes: string }[] };
    expect(manifest).toMatchObject({ display: 'fullscreen', orientation: 'any', name: 'Lintel room display' });
    for (const icon of manifest.icons.filter((i) => i.sizes !== 'any')) {
      const response = await fetch(`${bridge.url}${icon.src}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(icon.sizes.split('x').map(Number));
    }
  });
});
