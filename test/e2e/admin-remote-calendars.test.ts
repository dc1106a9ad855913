import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caldavProvider } from '../../bridge/src/calendars/caldav/caldav-provider.ts';
import { icsProvider } from '../../bridge/src/calendars/ics/ics-provider.ts';
import { CALENDAR_SCOPE, RESOURCES_SCOPE } from '../../bridge/src/calendars/google/google-provider.ts';
import { startGoogleEmulator } from '../google-emulator/google-emulator.ts';
import { EmulatedWorkspace } from '../google-emulator/workspace.ts';
import { calendarServices, openAdmin, pairingOnAdminPage, roomDetails, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import { freePort } from '../support/server-process.ts';
import { basic, startRadicale } from '../support/radicale-server.ts';

const session = useChromium();
const icsTime = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('rooms on other calendars, on the admin page', () => {
  it('shows each room\'s calendar without its secrets, when it was synced, and a server that cannot be reached as a warning with its fix; a feed\'s room is given walk-ups on its card', async () => {
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
    const board = await roomDetails(page, 'Board room');
    await board.getByText(`ICS feed (read-only): ${feedOrigin}/***`).waitFor();
    await board.getByText('Last synced').waitFor();
    const loft = await roomDetails(page, 'Loft');
    await loft.getByText(`CalDAV: ${downUrl} as rooms`).waitFor();
    await page.getByText("The bridge cannot reach the server of the room's calendar (its CalDAV server or calendar feed).").waitFor();

    // The feed's room takes walk-up bookings kept in the bridge once its card says so; the card shows what it takes.
    const keepWalkUps = board.getByLabel("Take walk-up bookings, kept in the bridge only (the feed's owner does not see them)");
    await board.getByRole('button', { name: 'Change calendar of Board room' }).click();
    expect(await keepWalkUps.isChecked()).toBe(false);
    await keepWalkUps.check();
    await board.getByRole('button', { name: 'Test and save' }).click();
    await board.getByText('The calendar answered: the room uses the new settings.').waitFor();
    await board.getByRole('button', { name: 'Change calendar of Board room' }).click();
    expect(await keepWalkUps.isChecked()).toBe(true);
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
    const bridge = await startTestBridge({
      clock: new FakeClock(Date.now()),
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'lobby', name: 'Lobby', access: 'paired', timeZone: zoneAtMidday(Date.now()) }],
      google: { endpoints: { apiUrl: emulator.url, tokenUrl: emulator.tokenUrl, ca: emulator.ca }, fromEnvironment: { key: keyFile, subject: 'facilities@example.com' } },
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

  it('adds a room on a CalDAV server: a wrong password is refused with the server\'s reason and adds nothing, the right one adds it, and a display linked to it shows its meeting', async () => {
    const radicale = await startRadicale({ users: { room: 'lighthouse-secret' } });
    session.defer(() => radicale.stop());
    const collection = await radicale.createCalendar('room', 'lighthouse');
    const now = Date.now();
    const meeting = ics(vevent('UID:standup', `DTSTART:${icsTime(now - 5 * 60_000)}`, `DTEND:${icsTime(now + 25 * 60_000)}`, 'SUMMARY:Lighthouse stand-up'));
    await fetch(`${collection}standup.ics`, { method: 'PUT', headers: { authorization: basic('room', 'lighthouse-secret'), 'content-type': 'text/calendar' }, body: meeting });
    // A paired room only: the display asks for its pairing code.
    const bridge = await startTestBridge({
      clock: new FakeClock(Date.now()),
      webDir: BUILT_WEB_DIR,
      rooms: [{ id: 'lobby', name: 'Lobby', access: 'paired' }],
      remoteCalendars: [caldavProvider()],
    });
    session.defer(() => bridge.close());
    const { display, page, problems } = await pairingOnAdminPage(session, bridge.url);

    await calendarServices(page);
    const form = page.getByRole('region', { name: 'Add a room on a CalDAV server or an ICS feed' });
    await form.getByLabel('Room name').fill('Lighthouse');
    await form.getByLabel('Time zone').fill(zoneAtMidday(Date.now()));
    await form.getByLabel('Calendar address (collection URL)').fill(collection);
    await form.getByLabel('User name').fill('room');
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Test and add' }).click();
    await form.getByText('The calendar did not answer as it should, so nothing was saved.').waitFor();
    await form.getByText(/The bridge says: .*did not accept the user name or password \(HTTP 401\)/).waitFor();
    expect(await page.getByRole('button', { name: 'Lighthouse', exact: true }).count()).toBe(0);

    await form.getByLabel('Password').fill('lighthouse-secret');
    await form.getByRole('button', { name: 'Test and add' }).click();
    await form.getByText('The calendar answered: Lighthouse is added. Link a display to it with "A room on this bridge".').waitFor();
    const card = await roomDetails(page, 'Lighthouse');
    await card.getByText(`CalDAV: ${collection} as room`).waitFor();
    expect(await form.getByLabel('Password').inputValue()).toBe('');

    await page.getByLabel('Room on this bridge', { exact: true }).selectOption({ label: 'Lighthouse' });
    await page.getByRole('button', { name: 'Link now' }).click();
    await page.getByText('Linked: the display now shows Lighthouse.').waitFor();
    await display.page.getByText('Lighthouse stand-up').first().waitFor({ timeout: 5000 });

    // Its settings are changed on the room's card, tried with the server first: only what is filled in changes.
    await card.getByRole('button', { name: 'Change calendar of Lighthouse' }).click();
    await card.getByLabel('New password').fill('not-it-either');
    await card.getByRole('button', { name: 'Test and save' }).click();
    await card.getByText(/The bridge says: .*did not accept the user name or password \(HTTP 401\)/).waitFor();
    await card.getByLabel('New password').fill('lighthouse-secret');
    await card.getByRole('button', { name: 'Test and save' }).click();
    await card.getByText('The calendar answered: the room uses the new settings.').waitFor();
    await card.getByText(`CalDAV: ${collection} as room`).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('lighthouse-secret');
    expect(problems).toEqual([]);
  });

  it('connects Google Workspace with a service account\'s key file: a deleted key is refused, a good one connects, and the Workspace\'s rooms are offered to link', async () => {
    const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'Europe/Amsterdam' });
    const emulator = await startGoogleEmulator(workspace);
    session.defer(() => emulator.close());
    const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
    const deleted = workspace.addServiceAccountKey(keyFile.client_email);
    workspace.deleteServiceAccountKey(keyFile.client_email, deleted.private_key_id);
    workspace.addUser({ email: 'facilities@example.com', isAdmin: true });
    workspace.delegateDomainWide(keyFile.client_email, [CALENDAR_SCOPE, RESOURCES_SCOPE]);
    workspace.addResource({ resourceName: 'Aurora', capacity: 6 });
    const bridge = await startTestBridge({
      clock: new FakeClock(Date.now()),
      webDir: BUILT_WEB_DIR,
      google: { endpoints: { apiUrl: emulator.url, tokenUrl: emulator.tokenUrl, ca: emulator.ca }, fromEnvironment: null },
    });
    session.defer(() => bridge.close());
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await signInWithToken(page);

    await calendarServices(page);
    const panel = page.getByRole('region', { name: 'Google Workspace' });
    await panel.getByText('No Google Workspace service account yet', { exact: false }).waitFor();
    expect(await page.getByRole('radio', { name: 'A Google Workspace room' }).count()).toBe(0);
    const keyOf = (key: object) => ({ name: 'lintel-bridge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(key)) });
    await panel.getByLabel('Service account key (JSON file)').setInputFiles(keyOf(deleted));
    await panel.getByLabel('Act as (optional)').fill('facilities@example.com');
    await panel.getByRole('button', { name: 'Test and connect' }).click();
    await panel.getByText(/The bridge says: Google refused the service account's key/).waitFor();
    await panel.getByText('No Google Workspace service account yet', { exact: false }).waitFor();

    await panel.getByLabel('Service account key (JSON file)').setInputFiles(keyOf(keyFile));
    await panel.getByRole('button', { name: 'Test and connect' }).click();
    await panel.getByText('Google accepted the key: Google Workspace is connected.').waitFor();
    await panel.getByText(keyFile.client_email).waitFor();
    await panel.getByText('facilities@example.com').waitFor();
    await panel.getByRole('button', { name: 'Test and replace' }).waitFor();
    await page.getByRole('radio', { name: 'A Google Workspace room' }).check();
    await page.getByLabel('Google Workspace room', { exact: true }).getByRole('option', { name: 'Aurora' }).waitFor({ state: 'attached' });
    expect(await page.locator('body').innerText()).not.toContain('PRIVATE KEY');
    expect(problems).toEqual([]);
  });
});
