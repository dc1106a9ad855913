import type { Page } from 'playwright-core';

/**
 * Puts the page's socket.io connection through a relay that can stop
 * passing the bridge's room pushes on, so a display does not learn of a
 * change made elsewhere (the moment between someone else's booking and its
 * push). Reloads the page; resolves once the connection is open over
 * WebSocket (pages connect over it first), from when every message passes
 * the relay.
 */
export async function relayRoomPushes(page: Page): Promise<{ hold(): void }> {
  let holding = false;
  let upgraded: () => void = () => {};
  const websocketInUse = new Promise<void>((resolve) => (upgraded = resolve));
  await page.routeWebSocket(/socket\.io/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      // Engine.IO's open packet: the page connects over WebSocket first, so every message, pushes included, comes through here.
      if (String(message).startsWith('0')) upgraded();
      if (!(holding && String(message).includes('"room:state"'))) ws.send(message);
    });
  });
  await page.reload();
  await websocketInUse;
  return { hold: () => (holding = true) };
}
