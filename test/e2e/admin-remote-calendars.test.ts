import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caldavProvider } from '../../bridge/src/calendars/caldav/caldav-provider.ts';
import { icsProvider } from '../../bridge/src/calendars/ics/ics-provider.ts';
import { CALENDAR_SCOPE, googleDirectory, googleProvider, RESOURCES_SCOPE } from '../../bridge/src/calendars/google/google-provider.ts';
import { startGoogleEmulator } from '../google-emulator/google-emulator.ts';
import { EmulatedWorkspace } from '../google-emulator/workspace.ts';
import { openAdmin, pairingOnAdminPage, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import { freePort } from '../support/server-process.ts';

const session = useChromium();

describe('rooms on other calendars, on the admin page', () => {
  it('shows each room\'s calendar without its secrets, when it was synced, and a server that cannot be reached as a warning with its fix', async () => {
    const feed: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(ics(vevent('UID:a', 'DTSTART:20261026T090000Z', 'DTEND:20261026T100000Z', 'SUMMARY:Review'))));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    session.defer(() => new Promise<void>((resolve) => feed.close(() => resolve())));
    const feedOrigin = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'lintel-admin-calendars-'));
    session.defer(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'loft.password'), 'loft-secret\n');
    // Nothing listens there: the CalDAV server is down.
    const downUrl = `http://127.0.0.1:${await freePort()}/dav/rooms/loft/`;
    const clock = new FakeClock(Date.now());
    const bridge = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [
        { id: 'board', name: 'Board room', calendar: { type: 'ics', url: `${feedOrigin}/calendar/ical/private-7c1d/basic.ics`, walkUps: 'refused' } },
        { id: 'loft', name: 'Loft', calendar: { type: 'caldav', url: downUrl, username: 'rooms', passwordFile: join(dir, 'loft.password') } },
      ],
      remoteCalendars: [icsProvider(), caldavProvider()],
    });
    session.defer(() => bridge.close());
    expect(await bridge.remote!.syncNow('board')).toBe(true);
    expect(await bridge.remote!.syncNow('loft')).toBe(false);

    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await signInWithToken(page);
    const board = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Board room' }) });
    await board.getByText(`ICS feed (read-only): ${feedOrigin}/***`).waitFor();
    await board.getByText('Last synced').waitFor();
    const loft = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Loft' }) });
    await loft.getByText(`CalDAV: ${downUrl} as rooms`).waitFor();
    await page.getByText("The bridge cannot reach the server of the room's calendar (its CalDAV server or calendar feed).").waitFor();
    await page.getByText(/Check that the server is up and that the bridge computer reaches its address/).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('private-7c1d');
    expect(text).not.toContain('loft-secret');
    expect(problems).toEqual([]);
  });

  it('links a display to a Google Workspace room chosen from the Workspace\'s own list: the display shows the room and its meetings', async () => {
    const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam' });
    const emulator = await startGoogleEmulator(workspace);
    session.defer(() => emulator.close());
    const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
    workspace.addUser({ email: 'facilities@example.com', isAdmin: true });
    workspace.delegateDomainWide(keyFile.client_email, [CALENDAR_SCOPE, RESOURCES_SCOPE]);
    workspace.addBuilding({ buildingId: 'hq', buildingName: 'Harbour House', floorNames: ['1'] });
    for (const name of ['Aurora', 'Borealis']) {
      const resource = workspace.addResource({ resourceName: name, buildingId: 'hq', floorName: '1', capacity: 6 });
      workspace.share(resource.resourceEmail, 'facilities@example.com', 'writer');
      // Under way now: on the room's day whatever the time of day (the room takes the bridge's zone).
      const now = Date.now();
      workspace.addEvent(resource.resourceEmail, { summary: `${name} stand-up`, start: { dateTime: new Date(now - 5 * 60_000).toISOString() }, end: { dateTime: new Date(now + 25 * 60_000).toISOString() } });
    }
    const options = { key: keyFile, subject: 'facilities@example.com', apiUrl: emulator.url, tokenUrl: emulator.tokenUrl, ca: emulator.ca };
    const bridge = await startTestBridge({
      clock: new FakeClock(Date.now()),
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'lobby', name: 'Lobby', access: 'paired', timeZone: zoneAtMidday(Date.now()) }],
      remoteCalendars: [googleProvider(options)],
      googleDirectory: googleDirectory(options, () => Date.now()),
    });
    session.defer(() => bridge.close());
    const { display, page, problems } = await pairingOnAdminPage(session, bridge.url);
    await page.getByRole('radio', { name: 'A Google Workspace room' }).check();
    await page.getByLabel('Google Workspace room', { exact: true }).selectOption({ label: 'Borealis (Harbour House)' });
    await page.getByRole('button', { name: 'Link now' }).click();
    await page.getByText('Linked: the display now shows Borealis.').waitFor();
    await display.page.getByText('Borealis', { exact: true }).first().waitFor({ timeout: 5000 });
    await display.page.getByText('Borealis stand-up').first().waitFor({ timeout: 5000 });
    expect(problems).toEqual([]);
  });
});
