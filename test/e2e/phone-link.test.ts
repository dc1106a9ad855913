import { describe, expect, it } from 'vitest';
import { RoomLinks } from '../../bridge/src/access/room-links.ts';
import { qrPath } from '../../web/src/lib/qr.ts';
import { adminRequest } from '../support/admin-client.ts';
import { pairingCodeOf } from '../support/admin-page.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const session = useChromium();
const PUBLIC_URL = 'http://lintel.test:8080/';

describe('a paired room, from its display to a phone at the door', () => {
  it("pairs its display, whose QR code carries a signed room link; a phone opening it reads and books the room until the link expires; a page without one gets a pairing code", async () => {
    const clock = new FakeClock(Date.now());
    const now = clock.now();
    const bridge = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'harbour', name: 'Harbour', access: 'paired', timeZone: zoneAtMidday(now) }],
      meetings: [timed(new Date(now + 30 * 60_000).toISOString(), new Date(now + 90 * 60_000).toISOString(), { id: 'merger', roomId: 'harbour', subject: 'Merger with Northwind' })],
    });
    session.defer(() => bridge.close());

    // The kiosk on the wall: a pairing code until an admin links it, then the room with its meetings.
    const display = await openDisplayPage(session.browser(), `${bridge.url}/rooms/harbour`);
    session.defer(() => display.close());
    const code = await pairingCodeOf(display.page);
    const linked = await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId: 'harbour' } } });
    expect(linked.status).toBe(200);
    await display.page.getByText('Merger with Northwind').first().waitFor();

    // Its QR code: the signed link the bridge makes now (the bridge's clock stands still), not the bare room page.
    const link = new RoomLinks(bridge.store.database, clock, PUBLIC_URL).issue('harbour');
    const qr = display.page.getByRole('img', { name: 'Scan to book on your phone' });
    await qr.waitFor();
    expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(link.url).path);
    // Drawn by a worker, off the thread that paints the room's status and answers a touch.
    expect(display.page.workers().map((worker) => new URL(worker.url()).pathname)).toEqual([expect.stringMatching(/^\/assets\/qr-worker-[\w-]+\.js$/)]);
    expect(qrPath(link.url).path).not.toBe(qrPath(`${PUBLIC_URL}rooms/harbour`).path);

    // A phone at the door opens it: the room's phone page (test/e2e/phone-page.test.ts), its meetings, and a booking.
    const token = new URL(link.url).searchParams.get('link')!;
    const phone = await openDisplayPage(session.browser(), `${bridge.url}/rooms/harbour?link=${token}`, { viewport: { width: 390, height: 844 } });
    session.defer(() => phone.close());
    await phone.page.getByText('Merger with Northwind').first().waitFor();
    await statusWord(phone.page, 'Available').waitFor();
    await phone.page.getByRole('button', { name: 'Book now' }).click();
    await phone.page.getByRole('button', { name: '15 min' }).click();
    await statusWord(phone.page, 'Busy').waitFor();
    await statusWord(display.page, 'Busy').waitFor();

    // Ten minutes later the link is spent: the phone says so, and shows the room no more.
    clock.advance(10 * 60_000);
    await phone.page.getByText("This link is no longer valid: scan the QR code on the room's display again.").waitFor();
    expect(await phone.page.getByText('Merger with Northwind').count()).toBe(0);

    // A browser with neither credential nor link is offered a pairing code, never the meetings.
    const stranger = await openDisplayPage(session.browser(), `${bridge.url}/rooms/harbour`);
    session.defer(() => stranger.close());
    await stranger.page.getByRole('heading', { name: 'Link this display' }).waitFor();
    expect(await stranger.page.getByText('Merger with Northwind').count()).toBe(0);
  });
});
