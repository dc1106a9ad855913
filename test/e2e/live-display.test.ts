import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { openDisplayPage, statusWord } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { postJson } from '../support/http.ts';

const session = useChromium();

async function emptyRoomBridge(dir?: string, port?: number): Promise<BridgeProcess> {
  const dataDir = dir ?? tempDataDir();
  if (typeof dataDir !== 'string') session.defer(() => dataDir.remove());
  const running = await startBridgeProcess({
    build: true,
    dataDir: typeof dataDir === 'string' ? dataDir : dataDir.dir,
    env: { LINTEL_DEMO_MEETINGS: 'false', LINTEL_TIME_ZONE: 'Europe/Amsterdam', ...(port ? { PORT: String(port) } : {}) },
  });
  session.defer(() => running.stop());
  return running;
}

async function openDisplay(url: string): Promise<{ page: Page; problems: string[] }> {
  const display = await openDisplayPage(session.browser(), url);
  session.defer(() => display.close());
  return display;
}

/** A display showing the room of a bridge that the test stops, then starts again on its port and data. */
async function displayOfRestartableBridge() {
  const data = tempDataDir();
  session.defer(() => data.remove());
  const first = await emptyRoomBridge(data.dir);
  const { page } = await openDisplay(`${first.url}/`);
  await statusWord(page, 'Available').waitFor();
  return { first, page, startAgain: () => emptyRoomBridge(data.dir, Number(new URL(first.url).port)) };
}

/** A proxy in front of the bridge that passes plain HTTP and refuses every WebSocket, as some company proxies do. */
async function proxyWithoutWebSocket(target: string): Promise<string> {
  const upstream = new URL(target);
  const proxy = createServer((req, res) => {
    const forwarded = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  proxy.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n'));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  session.defer(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  session.defer(() => proxy.closeAllConnections());
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe('the live display', () => {
  it('shows the room free, then busy without a reload when the room is booked through the API', async () => {
    const bridge = await emptyRoomBridge();
    const { page, problems } = await openDisplay(`${bridge.url}/`);

    await page.getByRole('heading', { name: 'Harbour' }).waitFor();
    await statusWord(page, 'Available').waitFor();
    await page.getByText('Free for the rest of the day').waitFor();
    await page.evaluate(() => Object.assign(window, { lintelSameDocument: true }));

    const booked = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(booked.status).toBe(200);

    await statusWord(page, 'Busy').waitFor({ timeout: 5000 });
    const current = page.getByRole('article', { name: 'Current meeting' });
    await current.getByText('Walk-up booking').waitFor();
    expect(await current.textContent()).toMatch(/(29|30) min/);
    expect(await page.evaluate(() => 'lintelSameDocument' in window)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('says it is connecting while its bridge does not answer, and shows the room once it does', async () => {
    const { first, page, startAgain } = await displayOfRestartableBridge();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await first.stop();

    // The app comes from its service worker; this URL's room was never shown here, so there is nothing to show yet.
    await page.goto(`${first.url}/rooms/demo`);
    await page.getByRole('alert').getByText('Connecting…').waitFor();
    await startAgain();
    await statusWord(page, 'Available').waitFor({ timeout: 15_000 });
    expect(await page.getByText('Connecting…').count()).toBe(0);
  });

  it('connects over WebSocket, and by long-polling where a proxy lets no WebSocket through', async () => {
    const bridge = await emptyRoomBridge();
    const direct = await openDisplay(`${bridge.url}/`);
    await statusWord(direct.page, 'Available').waitFor();
    const polls = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('transport=polling')).length);
    // Straight over WebSocket: no long-polling handshake and upgrade first.
    expect(await polls(direct.page)).toBe(0);

    const proxied = await openDisplay(await proxyWithoutWebSocket(bridge.url));
    await statusWord(proxied.page, 'Available').waitFor({ timeout: 15_000 });
    await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    await statusWord(proxied.page, 'Busy').waitFor({ timeout: 5000 });
    await statusWord(direct.page, 'Busy').waitFor({ timeout: 5000 });
    expect(await polls(proxied.page)).toBeGreaterThan(0);
    expect(proxied.problems.filter((problem) => !problem.includes('WebSocket'))).toEqual([]);
  });

  it('shows a room by its URL and says so clearly when the room does not exist', async () => {
    const bridge = await emptyRoomBridge();
    const { page } = await openDisplay(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    const missing = await openDisplay(`${bridge.url}/rooms/nowhere`);
    await missing.page.getByRole('alert').getByText('There is no room "nowhere".').waitFor();
  });

  it('reconnects by itself when the bridge comes back, and shows what changed meanwhile', async () => {
    const { first, page, startAgain } = await displayOfRestartableBridge();

    await first.stop();
    await page.getByRole('alert').getByText(/^Offline since \d/).waitFor();
    await page.evaluate(() => Object.assign(window, { lintelSameDocument: true }));

    const second = await startAgain();
    await postJson(`${second.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    await statusWord(page, 'Busy').waitFor({ timeout: 15_000 });
    await page.getByRole('alert').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => 'lintelSameDocument' in window)).toBe(true);
  });
});
