import type { Page } from 'playwright-core';

/**
 * Puts the page's socket.io connection through a relay that can stop
 * passing the bridge's room pushes on, so a display does not learn of a
 * change made elsewhere (the moment between someone else's booking and its
 * push). Reloads the page; resolves once the display has its room's state
 * through the relay (pages connect over WebSocket first), not only the one
 * it kept from before the reload.
 */
export async function relayRoomPushes(page: Page): Promise<{ hold(): void }> {
  let holding = false;
  let watched: () => void = () => {};
  const roomHeard = new Promise<void>((resolve) => (watched = resolve));
  await page.routeWebSocket(/socket\.io/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      // A socket.io ack (the answer to the display's watch, with its room's state): the page connects over WebSocket
      // first, so its room came through here, as every message from now on, pushes included, will.
      if (/^43\d+\[/.test(String(message))) watched();
      if (!(holding && String(message).includes('"room:state"'))) ws.send(message);
    });
  });
  await page.reload();
  await roomHeard;
  return { hold: () => (holding = true) };
}
