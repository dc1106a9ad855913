import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_WEB_DIR, openDisplayPage, statusWord, type DisplayPage } from '../support/display-page.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { relayRoomPushes } from '../support/room-push-relay.ts';
import { postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../support/in-process-bridge.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { timed } from '../support/meetings.ts';

const session = useChromium();

async function bridgeAt(time: string, options: Omit<TestBridgeOptions, 'clock' | 'webDir'> = {}): Promise<{ bridge: TestBridge; clock: FakeClock }> {
  const clock = new FakeClock(time);
  const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, ...options });
  session.defer(() => bridge.close());
  return { bridge, clock };
}

async function display(url: string, options = {}): Promise<DisplayPage> {
  const opened = await openDisplayPage(session.browser(), url, options);
  session.defer(() => opened.close());
  return opened;
}

const planning = timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'planning', roomId: 'demo', subject: 'Planning' });

describe('walk-up actions in Chromium', () => {
  it('books, extends and ends by their buttons, and a second display follows without reload', async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { meetings: [planning] });
    const a = await display(`${bridge.url}/rooms/demo`);
    const b = await display(`${bridge.url}/rooms/demo`);
    await statusWord(b.page, 'Available').waitFor();
    await b.page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await a.page.getByRole('button', { name: 'Book now' }).click();
    await a.page.getByRole('button', { name: '30 min' }).click();
    await statusWord(a.page, 'Busy').waitFor({ timeout: 1000 });
    // Whoever tapped is told what it did, on that screen, for a few seconds.
    await a.page.getByRole('status').getByText('Booked until 10:30').waitFor();
    expect(await b.page.getByText('Booked until 10:30').count()).toBe(0);
    await statusWord(b.page, 'Busy').waitFor();
    await b.page.getByRole('article', { name: 'Current meeting' }).getByText('Walk-up booking').waitFor();
    await b.page.getByText('10:00–10:30').waitFor();

    await a.page.getByRole('button', { name: 'Extend', exact: true }).click();
    await a.page.getByRole('button', { name: 'Extend by 15 min' }).click();
    await b.page.getByText('10:00–10:45').waitFor();
    await a.page.getByRole('status').getByText('Extended until 10:45').waitFor();

    await a.page.getByRole('button', { name: 'End now' }).click();
    await a.page.getByRole('button', { name: 'Yes, end now' }).click();
    await statusWord(b.page, 'Available').waitFor();
    await a.page.getByRole('status').getByText('Meeting ended').waitFor();
    await a.page.getByText('Meeting ended').waitFor({ state: 'detached', timeout: 7000 });
    expect(await b.page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('extends "until" the next meeting when less than 15 min are free before it', async () => {
    const standup = timed('2026-11-23T10:30:00+01:00', '2026-11-23T10:50:00+01:00', { id: 'standup', roomId: 'demo', subject: 'Stand-up' });
    const { bridge } = await bridgeAt('2026-11-23T10:40:00+01:00', { meetings: [standup, planning] });
    const { page, problems } = await display(`${bridge.url}/rooms/demo`);
    await page.getByRole('article', { name: 'Current meeting' }).getByText('10:30–10:50').waitFor();
    await page.getByRole('button', { name: 'Extend', exact: true }).click();
    expect(await page.getByRole('group', { name: 'Extend' }).getByRole('button').allTextContents()).toEqual(['Until 11:00', 'Cancel']);
    await page.getByRole('button', { name: 'Until 11:00' }).click();
    await page.getByRole('article', { name: 'Current meeting' }).getByText('10:30–11:00').waitFor();
    expect(bridge.store.getMeeting('standup')?.end).toBe('2026-11-23T10:00:00.000Z');
    expect(problems).toEqual([]);
  });

  it('offers only the lengths that fit, and "until" the next meeting', async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:20:00+01:00', { meetings: [planning] });
    const { page } = await display(`${bridge.url}/rooms/demo`);
    await page.getByRole('button', { name: 'Book now' }).click();
    const choices = page.getByRole('group', { name: 'Book now' }).getByRole('button');
    const minutes = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute', unitDisplay: 'short' });
    expect(await choices.allTextContents()).toEqual([minutes.format(15), minutes.format(30), 'Until 11:00', 'Cancel']);
  });

  it('checks in, and releases a meeting nobody checked in to when its window closes', async () => {
    const strict = { id: 'demo', settings: { checkIn: { required: true, releaseNoShows: true } } };
    const { bridge, clock } = await bridgeAt('2026-11-23T10:58:00+01:00', { rooms: [strict], meetings: [planning] });
    const { page } = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Waiting for check-in').waitFor();
    await page.getByRole('button', { name: 'Check in' }).waitFor();

    clock.advance(12 * 60_000);
    await statusWord(page, 'Available').waitFor();
    expect(await page.getByText('Planning').count()).toBe(0);

    const other = await bridgeAt('2026-11-23T11:02:00+01:00', { rooms: [strict], meetings: [planning] });
    const checkedIn = await display(`${other.bridge.url}/rooms/demo`);
    // The button names the meeting it checks in.
    await checkedIn.page.getByRole('button', { name: 'Check in · Planning', exact: true }).click();
    await statusWord(checkedIn.page, 'Busy').waitFor();
    await checkedIn.page.getByRole('status').getByText('Checked in').waitFor();
    other.clock.advance(20 * 60_000);
    await checkedIn.page.getByRole('button', { name: 'Check in' }).waitFor({ state: 'detached' });
    expect(await statusWord(checkedIn.page, 'Busy').count()).toBe(1);
  });

  it('rolls back with a clear message when another display took the slot a moment earlier', async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { meetings: [planning] });
    const late = await display(`${bridge.url}/rooms/demo`);
    const pushes = await relayRoomPushes(late.page);
    await statusWord(late.page, 'Available').waitFor();

    pushes.hold();
    const first = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 30 });
    expect(first.status).toBe(200);
    await late.page.getByRole('button', { name: 'Book now' }).click();
    await late.page.getByRole('button', { name: '15 min' }).click();
    const notice = late.page.getByRole('alert').filter({ hasText: 'The room was just booked by someone else.' });
    await notice.waitFor();
    await statusWord(late.page, 'Busy').waitFor();
    await late.page.getByText('10:00–10:30').waitFor();
    // The reason shows beside the actions: the room's name and clock stay in sight.
    const header = (await late.page.locator('header').boundingBox())!;
    const shown = (await notice.boundingBox())!;
    expect(shown.y).toBeGreaterThanOrEqual(header.y + header.height);
  });

  it('asks for the room PIN on a phone-style keypad, and keeps the pad open with the reason after a wrong one', async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { rooms: [{ id: 'demo', settings: { pin: '4711' } }], meetings: [planning] });
    const { page } = await display(`${bridge.url}/rooms/demo`);
    const bookNow = (await page.getByRole('button', { name: 'Book now' }).boundingBox())!;
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('button', { name: '15 min' }).click();
    const pad = page.getByRole('dialog', { name: 'Enter the room PIN' });
    const key = async (name: string) => (await pad.getByRole('button', { name, exact: true }).boundingBox())!;
    // 1-2-3 on top, then 4-5-6, 7-8-9, and delete, 0, OK at the bottom; each key at least as large as an action button.
    const rows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['Delete digit', '0', 'OK']];
    const boxes = await Promise.all(rows.map((row) => Promise.all(row.map(key))));
    for (const [r, row] of boxes.entries()) {
      expect(new Set(row.map((box) => Math.round(box.y)))).toHaveLength(1);
      expect(row[0]!.x).toBeLessThan(row[1]!.x);
      expect(row[1]!.x).toBeLessThan(row[2]!.x);
      if (r > 0) expect(row[0]!.y).toBeGreaterThan(boxes[r - 1]![0]!.y);
      for (const box of row) expect(box.height).toBeGreaterThanOrEqual(bookNow.height);
    }
    const type = async (pin: string) => {
      for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
      await pad.getByRole('button', { name: 'OK' }).click();
    };
    await type('1234');
    // The same booking waits in the pad, with the reason in it: only the PIN is asked again.
    await pad.getByRole('alert').getByText('That PIN is not right.').waitFor();
    await statusWord(page, 'Available').waitFor();
    await type('4711');
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('status').getByText('Booked until 10:15').waitFor();
    expect(await pad.count()).toBe(0);
  });

  it("asks the booker's name where the room asks for it, and the name becomes the booking's subject; Skip books without one", async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { rooms: [{ id: 'demo', settings: { askBookerName: true } }], meetings: [planning] });
    const { page, problems } = await display(`${bridge.url}/rooms/demo`, { viewport: { width: 1280, height: 800 } });
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('button', { name: '30 min' }).click();
    const step = page.getByRole('dialog', { name: 'Book 10:00–10:30' });
    const name = step.getByRole('textbox', { name: 'Your name' });
    // Focused at once, so a touchscreen's keyboard opens; the field sits in the upper half, clear of that keyboard.
    await expect.poll(() => name.evaluate((input) => input === document.activeElement)).toBe(true);
    expect((await name.boundingBox())!.y + (await name.boundingBox())!.height).toBeLessThan(400);
    await name.fill('Ana');
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/booker-name-1280x800.png' });
    await step.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('article', { name: 'Current meeting' }).getByText('Walk-up booking: Ana').waitFor();
    // On the timeline a walk-up booking is busy like any meeting, in the status panel's colour, as its legend says.
    const colours = await page.evaluate(() => [...document.querySelectorAll('.timeline .block, .status, .legend .busy')].map((element) => getComputedStyle(element).backgroundColor));
    expect(new Set(colours).size).toBe(1);
    expect(colours).toHaveLength(4);
    expect(await page.locator('.legend').innerText()).toMatch(/Busy\s+Free\s+Tap to book/);
    await expect.poll(() => bridge.store.meetingsBetween('demo', 0, Number.MAX_SAFE_INTEGER).find((m) => m.origin === 'walk-up')?.subject).toBe('Walk-up booking: Ana');

    await page.getByRole('button', { name: 'End now' }).click();
    await page.getByRole('button', { name: 'Yes, end now' }).click();
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('button', { name: '15 min' }).click();
    await page.getByRole('dialog', { name: 'Book 10:00–10:15' }).getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('article', { name: 'Current meeting' }).getByText('Walk-up booking', { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows no actions on a read-only display or in a read-only room', async () => {
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { rooms: [{ id: 'demo' }, { id: 'lobby', name: 'Lobby', settings: { readOnly: true } }] });
    const readOnlyDisplay = await display(`${bridge.url}/rooms/demo?mode=readonly`);
    await statusWord(readOnlyDisplay.page, 'Available').waitFor();
    // Reporting a problem books nothing, so a read-only display offers it too.
    expect(await readOnlyDisplay.page.getByRole('button').allTextContents()).toEqual(['Report a problem']);
    const readOnlyRoom = await display(`${bridge.url}/rooms/lobby`);
    await statusWord(readOnlyRoom.page, 'Available').waitFor();
    expect(await readOnlyRoom.page.getByRole('button').allTextContents()).toEqual(['Report a problem']);
  });

  it('shows a meeting subject full of HTML as text and runs none of it', async () => {
    const hostile = timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00', {
      roomId: 'demo',
      subject: '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>',
      organizer: '<b onmouseover="window.pwned=3">Mallory</b>',
    });
    const { bridge } = await bridgeAt('2026-11-23T10:00:00+01:00', { meetings: [hostile] });
    const { page, problems } = await display(`${bridge.url}/rooms/demo`);
    const current = page.getByRole('article', { name: 'Current meeting' });
    await current.getByText('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>').waitFor();
    await current.getByText('<b onmouseover="window.pwned=3">Mallory</b>').hover();
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
