import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUILT_WEB_DIR, openDisplayPage, statusWord, type DisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';

const session = useChromium();

/** Two buildings, several floors; at 10:00 Atlas is busy and Quay starts soon; Loft and Cirrus are for their own displays only. */
const ROOMS: TestBridgeOptions['rooms'] = [
  { id: 'harbour', name: 'Harbour', capacity: 4, location: { building: 'Harbour House', floor: 2 } },
  { id: 'dock', name: 'Dock', capacity: 6, location: { building: 'Harbour House', floor: 2 } },
  { id: 'quay', name: 'Quay', capacity: 8, location: { building: 'Harbour House', floor: 2 } },
  { id: 'atlas', name: 'Atlas', capacity: 4, location: { building: 'Harbour House', floor: 3 } },
  { id: 'loft', name: 'Loft', capacity: 10, access: 'paired', location: { building: 'Harbour House', floor: 5 } },
  { id: 'cirrus', name: 'Cirrus', capacity: 12, access: 'paired', location: { building: 'Warehouse', floor: 2 } },
];
const MEETINGS = [
  timed('2026-11-23T09:30:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'atlas-now', roomId: 'atlas', subject: 'Board meeting' }),
  timed('2026-11-23T10:05:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'quay-soon', roomId: 'quay', subject: 'Design critique' }),
];

/** A hub bridge at 10:00, closed after the test unless the test took it away itself. */
async function hub(rooms = ROOMS, meetings = MEETINGS): Promise<TestBridge> {
  const bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), webDir: BUILT_WEB_DIR, rooms, meetings });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= bridge.close());
  session.defer(close);
  return { ...bridge, close };
}

async function open(url: string, options: BrowserContextOptions = {}): Promise<DisplayPage> {
  const opened = await openDisplayPage(session.browser(), url, options);
  session.defer(() => opened.close());
  return opened;
}

const card = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
const book = (bridge: TestBridge, roomId: string) => postJson(`${bridge.url}/api/rooms/${roomId}/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });

describe('the building overview', () => {
  it('shows every room by building and floor with its status in words, until when and seats, and follows bookings live', async () => {
    const bridge = await hub();
    const { page, problems } = await open(`${bridge.url}/building`);

    await page.getByRole('heading', { level: 1, name: 'Rooms at a glance' }).waitFor();
    // The title is there at once; the rooms once the bridge has answered.
    await card(page, 'Cirrus').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Harbour House', 'Warehouse']);
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Floor 2', 'Floor 3', 'Floor 5', 'Floor 2']);
    expect(await card(page, 'Atlas').innerText()).toBe('Atlas\nBusy\nFree at 11:00\n4 seats');
    expect(await card(page, 'Quay').innerText()).toBe('Quay\nStarting soon\nFree until 10:05\n8 seats');
    expect(await card(page, 'Harbour').innerText()).toBe('Harbour\nAvailable\nFree for the rest of the day\n4 seats');

    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    expect((await book(bridge, 'harbour')).status).toBe(200);
    await card(page, 'Harbour').getByText('Busy', { exact: true }).waitFor({ timeout: 2000 });
    expect(await card(page, 'Harbour').innerText()).toContain('Free at 10:30');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('orders rooms by floor, the lowest first, then by name as people count: "2.01" before "2.02" before "2.10"', async () => {
    const place = (floor: number) => ({ building: 'Harbour House', floor });
    const names = ['2.10', 'Room 10', '10.01', '2.02', 'Room 2', '2.01', '1.01'];
    const floors = [2, 3, 10, 2, 3, 2, 1];
    const bridge = await hub(
      names.map((name, i) => ({ id: `room-${i}`, name, location: place(floors[i]!) })),
      [],
    );
    const { page, problems } = await open(`${bridge.url}/building`);
    await card(page, '1.01').waitFor();
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Floor 1', 'Floor 2', 'Floor 3', 'Floor 10']);
    expect(await page.locator('.card .name').allTextContents()).toEqual(['1.01', '2.01', '2.02', '2.10', 'Room 2', 'Room 10', '10.01']);
    expect(problems).toEqual([]);
  });

  it("keeps the building's time on its clock, not the zone the screen is set to", async () => {
    const now = Date.now();
    const timeZone = zoneAtMidday(now);
    const bridge = await startTestBridge({
      clock: new FakeClock(now),
      webDir: BUILT_WEB_DIR,
      rooms: [
        { id: 'harbour', name: 'Harbour', timeZone },
        { id: 'loft', name: 'Loft', timeZone },
        { id: 'annex', name: 'Annex', timeZone: 'Asia/Tokyo' },
      ],
    });
    session.defer(() => bridge.close());
    // A screen set to UTC+14: its own time is never the rooms' midday.
    const { page, problems } = await open(`${bridge.url}/building`, { timezoneId: 'Pacific/Kiritimati' });
    await card(page, 'Harbour').waitFor();
    const clock = page.getByRole('banner').locator('time');
    const shown = await clock.textContent();
    const midday = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', timeZone });
    // The minute may turn while the page loads.
    expect([midday.format(now), midday.format(Date.now())]).toContain(shown);
    expect(shown).toMatch(/^1[23]:\d\d$/);
    expect(await page.getByRole('banner').innerText()).toContain(new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone }).format(now));
    expect(problems).toEqual([]);
  });

  it('filters to the rooms free now, with their count, and back', async () => {
    const bridge = await hub();
    const { page } = await open(`${bridge.url}/building`);
    const filter = page.getByRole('button', { name: /^Free now/ });
    await filter.filter({ hasText: 'Free now (4)' }).waitFor();
    expect(await filter.getAttribute('aria-pressed')).toBe('false');

    await filter.click();
    expect(await filter.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Dock\nAvailable/),
      expect.stringMatching(/^Harbour\nAvailable/),
      expect.stringMatching(/^Loft\nAvailable/),
      expect.stringMatching(/^Cirrus\nAvailable/),
    ]);
    await book(bridge, 'dock');
    await card(page, 'Dock').waitFor({ state: 'detached' });
    await filter.filter({ hasText: 'Free now (3)' }).waitFor();

    await filter.click();
    expect(await page.getByRole('listitem').count()).toBe(6);
  });

  it('says honestly that it is offline, and since when, when the bridge goes away', async () => {
    const bridge = await hub();
    const { page } = await open(`${bridge.url}/building`);
    await card(page, 'Harbour').waitFor();
    await bridge.close();
    await page.getByRole('status').getByText(/^Offline since \d{1,2}:\d{2} · Statuses may be out of date\.$/).waitFor();
    expect(await card(page, 'Harbour').innerText()).toContain('Available');
  });

  it('restarted while its bridge is down, shows the rooms as it last knew them and since when, then follows the bridge again', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    let bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: ROOMS, meetings: MEETINGS });
    const { port, store } = bridge;
    session.defer(() => bridge.close());
    const { page, problems } = await open(`${bridge.url}/building`);
    await card(page, 'Atlas').getByText('Busy', { exact: true }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);

    await bridge.close();
    await page.reload();
    await page.getByRole('status').getByText(/^Offline since \d{1,2}:\d{2} · Statuses may be out of date\.$/).waitFor();
    expect(await card(page, 'Atlas').innerText()).toBe('Atlas\nBusy\nFree at 11:00\n4 seats');
    expect(await page.getByRole('listitem').count()).toBe(ROOMS.length);

    bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, store, port });
    await page.getByRole('status').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await book(bridge, 'harbour')).status).toBe(200);
    await card(page, 'Harbour').getByText('Busy', { exact: true }).waitFor({ timeout: 2000 });
    // Its tries to reach the bridge while it was away are the only complaints.
    expect(problems.filter((problem) => !problem.endsWith('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
  });

  it('shows 1,000 rooms and still follows one booking at once', async () => {
    const rooms = Array.from({ length: 1000 }, (_, i) => ({
      id: `room-${i}`,
      name: `Room ${i}`,
      capacity: 4 + (i % 8),
      location: { building: `Building ${Math.floor(i / 250)}`, floor: Math.floor(i / 25) % 10 },
    }));
    const bridge = await hub(rooms, []);
    const { page } = await open(`${bridge.url}/building`);
    await page.getByRole('button', { name: 'Free now (1,000)' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('listitem').count()).toBe(1000);
    await book(bridge, 'room-777');
    await card(page, 'Room 777').getByText('Busy', { exact: true }).waitFor({ timeout: 2000 });
    await page.getByRole('button', { name: 'Free now (999)' }).waitFor();
  });
});

describe('"Find a free room" on a room display', () => {
  it('lists the nearest free rooms in order: same floor, nearest floor, other buildings', async () => {
    const bridge = await hub();
    const { page, problems } = await open(`${bridge.url}/rooms/atlas`);
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('button', { name: 'Find a free room' }).click();

    const panel = page.getByRole('dialog', { name: 'Free rooms nearby' });
    await panel.getByRole('listitem').first().waitFor();
    expect(await panel.getByRole('listitem').allInnerTexts()).toEqual([
      'Dock\nHarbour House · Floor 2 · Free for the rest of the day · 6 seats\nBook now',
      'Harbour\nHarbour House · Floor 2 · Free for the rest of the day · 4 seats\nBook now',
      'Loft\nHarbour House · Floor 5 · Free for the rest of the day · 10 seats',
      'Cirrus\nWarehouse · Floor 2 · Free for the rest of the day · 12 seats',
    ]);

    // Dock is open to anyone: booked from here for whoever is looking, and the line says until when.
    await panel.getByRole('button', { name: 'Book now: Dock' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Dock' }).getByRole('status').getByText('Booked until 11:00').waitFor();
    expect(bridge.store.meetingsBetween('dock', 0, Number.MAX_SAFE_INTEGER)).toMatchObject([{ origin: 'walk-up', end: '2026-11-23T10:00:00.000Z' }]);

    // A tap outside the panel closes it.
    await page.mouse.click(5, 5);
    await panel.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it("opens a room's page from its name: where it is, its equipment and, in a room open to anyone, the rest of its day", async () => {
    const rooms: TestBridgeOptions['rooms'] = [
      { id: 'atlas', name: 'Atlas', location: { building: 'Harbour House', floor: 3 } },
      { id: 'dock', name: 'Dock', capacity: 6, equipment: ['Screen', 'Whiteboard'], location: { building: 'Harbour House', floor: 3 } },
      { id: 'loft', name: 'Loft', access: 'paired', location: { building: 'Harbour House', floor: 5 } },
    ];
    const bridge = await hub(rooms, [
      MEETINGS[0]!,
      timed('2026-11-23T14:00:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'dock-retro', roomId: 'dock', subject: 'Sprint retro', organizer: 'Ana Lima' }),
      timed('2026-11-23T16:00:00+01:00', '2026-11-23T16:30:00+01:00', { id: 'dock-1-1', roomId: 'dock', subject: 'Salary talk', isPrivate: true }),
      timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'loft-plans', roomId: 'loft', subject: 'Acquisition plans' }),
    ]);
    const { page, problems } = await open(`${bridge.url}/rooms/atlas`);
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('button', { name: 'Find a free room' }).click();
    const panel = page.getByRole('dialog', { name: 'Free rooms nearby' });

    await panel.getByRole('button', { name: 'Dock', exact: true }).click();
    const dock = panel.getByRole('region', { name: 'Dock' });
    await dock.getByText('Sprint retro').waitFor();
    const dockPage = await dock.innerText();
    expect(dockPage).toContain('Harbour House · Floor 3 · Free until 14:00 · 6 seats');
    expect(dockPage).toContain('Screen · Whiteboard');
    expect(dockPage).toMatch(/14:00\s*–\s*15:00\s*Sprint retro · Ana Lima/);
    // Its privacy holds here as on its own display: a private meeting is a private meeting.
    expect(dockPage).toContain('Private meeting');
    expect(dockPage).not.toContain('Salary talk');
    expect(await panel.getByRole('listitem').filter({ hasText: 'Loft' }).count()).toBe(0);

    // Booked from its page as from the list, and said there.
    await dock.getByRole('button', { name: 'Book now: Dock' }).click();
    await dock.getByRole('status').getByText('Booked until 11:00').waitFor();
    expect(bridge.store.meetingsBetween('dock', 0, Number.MAX_SAFE_INTEGER).filter((meeting) => meeting.origin === 'walk-up')).toHaveLength(1);

    // Back to the list, on the room that was opened; a paired room's meetings stay on its own displays.
    await dock.getByRole('button', { name: 'All free rooms' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Dock');
    await panel.getByRole('button', { name: 'Loft', exact: true }).click();
    const loft = panel.getByRole('region', { name: 'Loft' });
    await loft.getByText('Its meetings are shown on its own display only.').waitFor();
    expect(await loft.innerText()).toContain('Harbour House · Floor 5 · Free until 13:00');
    expect(await loft.innerText()).not.toContain('Acquisition plans');
    expect(await loft.getByRole('button', { name: /^Book now/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("says every time in the list in this room's zone, as the rest of its screen, even for a room in another zone", async () => {
    const bridge = await hub(
      [
        { id: 'atlas', name: 'Atlas', timeZone: 'Europe/Amsterdam', location: { building: 'Harbour House', floor: 3 } },
        { id: 'hudson', name: 'Hudson', timeZone: 'America/New_York', location: { building: 'Harbour House', floor: 3 } },
      ],
      [MEETINGS[0]!, timed('2026-11-23T14:00:00+01:00', '2026-11-23T15:00:00+01:00', { id: 'hudson-call', roomId: 'hudson' })],
    );
    const { page } = await open(`${bridge.url}/rooms/atlas`);
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('button', { name: 'Find a free room' }).click();
    const hudson = page.getByRole('dialog', { name: 'Free rooms nearby' }).getByRole('listitem').filter({ hasText: 'Hudson' });
    // 14:00 in Amsterdam is 08:00 in New York: the screen in Amsterdam says 14:00.
    await hudson.getByText('Free until 14:00', { exact: false }).waitFor();
    expect(await hudson.innerText()).not.toContain('8:00');
    await hudson.getByRole('button', { name: 'Book now: Hudson' }).click();
    await hudson.getByRole('status').getByText('Booked until 11:00').waitFor();
  });

  it('says finding a room needs the connection when the display is offline', async () => {
    const bridge = await hub();
    const { page } = await open(`${bridge.url}/rooms/atlas`);
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('button', { name: 'Find a free room' }).click();
    const panel = page.getByRole('dialog', { name: 'Free rooms nearby' });
    await panel.getByRole('listitem').first().waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();

    await bridge.close();
    await page.getByRole('alert').getByText(/^Offline since/).waitFor();
    await page.getByRole('button', { name: 'Find a free room' }).click();
    await panel.getByText('Finding a free room needs the connection to the bridge. Try again once this display is back online.').waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(0);
  });

  it('is not offered while the room is free, nor on a display that books nothing', async () => {
    const bridge = await hub();
    const free = await open(`${bridge.url}/rooms/dock`);
    await statusWord(free.page, 'Available').waitFor();
    await free.page.getByRole('button', { name: 'Book now' }).waitFor();
    expect(await free.page.getByRole('button', { name: 'Find a free room' }).count()).toBe(0);
    const readOnly = await open(`${bridge.url}/rooms/atlas?mode=readonly`);
    await statusWord(readOnly.page, 'Busy').waitFor();
    expect(await readOnly.page.getByRole('button').allTextContents()).toEqual(['Report a problem']);
  });

  it('is not offered on a bridge of one room', async () => {
    const bridge = await hub([{ id: 'solo', name: 'Solo' }], []);
    const { page } = await open(`${bridge.url}/rooms/solo`);
    await statusWord(page, 'Available').waitFor();
    await page.getByRole('button', { name: 'Book now' }).waitFor();
    expect(await page.getByRole('button', { name: 'Find a free room' }).count()).toBe(0);
  });
});
