import type { Page } from 'playwright-core';

/**
 * Puts the page's socket.io connection through a relay that can stop
 * passing the bridge's room pushes on, so a display does not learn of a
 * change made elsewhere (the moment between someone else's booking and its
 * push). Reloads the page; resolves once the connection runs over WebSocket,
 * from when every message passes the relay.
 */
export async function relayRoomPushes(page: Page): Promise<{ hold(): void }> {
  let holding = false;
  let upgraded: () => void = () => {};
  const websocketInUse = new Promise<void>((resolve) => (upgraded = resolve));
  await page.routeWebSocket(/socket\.io/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      server.send(message);
      // Engine.IO's upgrade packet: from now on every message, pushes included, comes through here.
      if (message === '5') upgraded();
    });
    server.onMessage((message) => {
      if (!(holding && String(message).includes('"room:state"'))) ws.send(message);
    });
  });
  await page.reload();
  await websocketInUse;
  return { hold: () => (holding = true) };
}
