import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';

const session = useChromium();

const SOCKET_IO_CLIENT = readFileSync(createRequire(import.meta.url).resolve('socket.io-client/dist/socket.io.js'), 'utf8');

/**
 * Someone else's site on the LAN, on another port: one page whose script
 * tries to book the bridge's room live over socket.io and with a simple
 * cross-origin POST (outcome in `window.attempts`), and whose form posts a
 * booking crafted as text, as a cross-site request forgery would.
 */
async function otherSite(bridgeUrl: string): Promise<string> {
  const page = `<!doctype html>
<meta charset="utf-8">
<title>Another site</title>
<script src="/socket.io.js"></script>
<script>
  const bridge = ${JSON.stringify(bridgeUrl)};
  window.attempts = Promise.all([
    new Promise((resolve) => {
      // WebSocket only: browsers apply no CORS to it; a polling handshake's answer is unreadable from here anyway.
      const socket = io(bridge, { transports: ['websocket'], reconnection: false });
      socket.on('connect', async () => resolve(await socket.emitWithAck('room:action', { roomId: 'demo', action: { id: ${JSON.stringify(crypto.randomUUID())}, type: 'book-now', minutes: 30 } })));
      socket.on('connect_error', () => resolve('refused'));
    }),
    // The browser sends it without asking the bridge first (no preflight), and hides the answer from the page.
    fetch(bridge + '/api/rooms/demo/actions', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ id: ${JSON.stringify(crypto.randomUUID())}, type: 'book-now', minutes: 15 }) })
      .then(() => 'sent', (error) => String(error)),
  ]);
</script>
<form method="post" enctype="text/plain" action="${bridgeUrl}/api/rooms/demo/actions">
  <input type="hidden" name='{"id":"${crypto.randomUUID()}","type":"book-now","minutes":45,"x":"' value='"}'>
  <button>Book</button>
</form>`;
  const server = createServer((req, res) => {
    if (req.url === '/socket.io.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(SOCKET_IO_CLIENT);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  session.defer(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('a page of another site', () => {
  it('changes nothing on the bridge, live over socket.io, with a no-cors fetch or with a form', async () => {
    const bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00') });
    session.defer(() => bridge.close());
    const site = await otherSite(bridge.url);
    const context = await session.browser().newContext();
    session.defer(() => context.close());
    const page = await context.newPage();

    await page.goto(site);

    // The fetch's answer is hidden from the page (an opaque response, which the bridge's Cross-Origin-Resource-Policy even turns into a failure): only the bridge's state tells.
    expect(await page.evaluate(() => (window as unknown as { attempts: Promise<unknown[]> }).attempts)).toEqual(['refused', expect.any(String)]);
    // The form's answer is shown in the tab: refused for where it came from, not merely for not being JSON.
    const [answer] = await Promise.all([page.waitForResponse(`${bridge.url}/api/rooms/demo/actions`), page.getByRole('button', { name: 'Book' }).click()]);
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'origin-not-allowed', message: expect.stringContaining(new URL(site).origin) });
    expect(bridge.rooms.getState('demo')).toMatchObject({ ok: true, data: { status: 'available', current: null, events: [] } });
  });
});
