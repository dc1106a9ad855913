import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../../bridge/src/store/room-store.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';

const session = useChromium();

/** A bridge that can be stopped and started again with everything it had stored, on the same port. */
async function restartableBridge(clock: FakeClock, options: Omit<TestBridgeOptions, 'clock' | 'webDir'> = {}) {
  let bridge: TestBridge | null = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, ...options });
  const { port, store, url } = bridge;
  session.defer(() => bridge?.close());
  return {
    url,
    store,
    current: () => bridge!,
    stop: async () => {
      await bridge?.close();
      bridge = null;
    },
    start: async () => {
      bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, store, port });
      return bridge;
    },
  };
}

async function display(url: string): Promise<Page> {
  const opened = await openDisplayPage(session.browser(), url);
  session.defer(() => opened.close());
  return opened.page;
}

function walkUps(store: RoomStore) {
  return store.meetingsBetween('demo', 0, Number.MAX_SAFE_INTEGER).filter((m) => m.origin === 'walk-up');
}

async function bookFor(page: Page, minutes: string) {
  await page.getByRole('button', { name: 'Book now' }).click();
  await page.getByRole('button', { name: minutes }).click();
}

const offlineBanner = (page: Page) => page.getByRole('alert').getByText(/^Offline since/);

/** Taps a button by its label or text inside the page: fast enough to queue a hundred actions. */
function tap(page: Page, name: string): Promise<void> {
  return page.evaluate(async (label) => {
    // Durations are formatted with a no-break space: compare with plain ones.
    const plain = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim();
    const button = [...document.querySelectorAll('button')].find((each) => plain(each.getAttribute('aria-label')) === label || plain(each.textContent) === label);
    if (!button) throw new Error(`no button "${label}"`);
    button.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }, name);
}

describe('offline display', () => {
  it('downloads the app compressed, and its service worker keeps the files themselves, for offline', async () => {
    const bridge = await restartableBridge(new FakeClock('2026-11-23T10:25:00+01:00'));
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    const script = await page.evaluate(() => {
      const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((each) => /\/assets\/index-[^/]+\.js$/.test(each.name))!;
      return { path: new URL(entry.name).pathname, sent: entry.encodedBodySize, size: entry.decodedBodySize };
    });
    // Brotli sends the display's main script in well under half its size.
    expect(script.sent).toBeLessThan(script.size / 2);
    const cached = await page.evaluate(async (path) => {
      const urls = (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname)))).flat();
      const hit = await caches.match(path, { ignoreSearch: true });
      return { urls, script: await hit?.text() };
    }, script.path);
    expect(cached.urls).toContain(script.path);
    expect(cached.urls.filter((url) => /\.(?:br|gz)$/.test(url))).toEqual([]);
    expect(cached.script).toBe(readFileSync(join(BUILT_WEB_DIR, script.path), 'utf8'));

    await bridge.stop();
    await page.reload();
    await statusWord(page, 'Available').waitFor();
  });

  it('restarts without its bridge, shows the last schedule and turns Available at the meeting end', async () => {
    const clock = new FakeClock('2026-11-23T10:25:00+01:00');
    const meeting = timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00', { roomId: 'demo', subject: 'Planning poker' });
    const bridge = await restartableBridge(clock, { meetings: [meeting] });
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Busy').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);

    await bridge.stop();
    await page.clock.install();
    await page.reload();
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('article', { name: 'Current meeting' }).getByText('Planning poker').waitFor();
    await offlineBanner(page).waitFor();

    await page.clock.fastForward('06:00');
    await statusWord(page, 'Available').waitFor();
  });

  it('takes a booking while the bridge is down, keeps it across a reload, and hands it over exactly once', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const bridge = await restartableBridge(clock);
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const qrCode = page.getByRole('img', { name: 'Scan to book on your phone' });
    await qrCode.waitFor();

    await bridge.stop();
    await offlineBanner(page).waitFor();
    // A band readable from across the room, and no QR code inviting phones to a bridge out of reach.
    const band = await offlineBanner(page).evaluate((element) => ({ height: element.getBoundingClientRect().height, fontSize: Number.parseFloat(getComputedStyle(element).fontSize), weight: Number(getComputedStyle(element).fontWeight) }));
    const viewport = page.viewportSize()!;
    expect(band.fontSize).toBeGreaterThanOrEqual(Math.min(viewport.width, viewport.height) * 0.03 - 0.5);
    expect(band.height).toBeGreaterThan(band.fontSize * 2);
    expect(band.weight).toBeGreaterThanOrEqual(600);
    expect(await qrCode.count()).toBe(0);
    await bookFor(page, '30 min');
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('alert').getByText(/waiting to sync/).waitFor();
    // The display restarts before the bridge is back: the booking is still there, still waiting.
    await page.reload();
    await statusWord(page, 'Busy').waitFor();
    await page.getByRole('alert').getByText(/waiting to sync/).waitFor();
    expect(walkUps(bridge.store)).toEqual([]);

    await bridge.start();
    await page.getByRole('alert').waitFor({ state: 'detached', timeout: 15_000 });
    await statusWord(page, 'Busy').waitFor();
    await qrCode.waitFor();
    const booked = walkUps(bridge.store);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T09:30:00.000Z' });
  });

  it('books a later slot while the bridge is down, and hands it over when the bridge is back', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const meetings = [
      timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'planning', roomId: 'demo' }),
      timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: 'review', roomId: 'demo' }),
    ];
    const bridge = await restartableBridge(clock, { meetings });
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await bridge.stop();
    await offlineBanner(page).waitFor();
    // The chooser was never opened online: its chunk comes from the service worker's cache.
    await page.getByRole('region', { name: 'Next meetings' }).getByRole('button', { name: 'Book 12:00–13:00' }).click();
    await page.getByRole('dialog', { name: 'Book from 12:00' }).getByRole('button', { name: '30 mins', exact: true }).click();
    await page.getByRole('region', { name: 'Next meetings' }).getByText('12:00–12:30').waitFor();
    await page.getByRole('alert').getByText(/waiting to sync/).waitFor();
    expect(walkUps(bridge.store)).toEqual([]);

    await bridge.start();
    await page.getByRole('alert').waitFor({ state: 'detached', timeout: 15_000 });
    const booked = walkUps(bridge.store);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z' });
  });

  it('applies each of 20 queued actions exactly once when the connection breaks in the middle of the replay', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const bridge = await restartableBridge(clock);
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();

    await bridge.stop();
    await offlineBanner(page).waitFor();
    await bookFor(page, '15 min');
    for (let i = 0; i < 19; i++) {
      await page.getByRole('button', { name: 'Extend', exact: true }).click();
      await page.getByRole('button', { name: 'Extend by 15 min' }).click();
    }
    await page.getByText('10:00–15:00').first().waitFor();

    const restarted = await bridge.start();
    const realApply = restarted.rooms.actionFrom.bind(restarted.rooms);
    let applied = 0;
    restarted.rooms.actionFrom = (roomId, action, standing, address) => {
      const answer = realApply(roomId, action, standing, address);
      // Break the connection in the middle of the replay, as a flaky network would.
      if (++applied === 8) void bridge.stop().then(() => bridge.start());
      return answer;
    };
    const bookingEnd = () => walkUps(bridge.store)[0]?.end;
    await expect.poll(bookingEnd, { timeout: 30_000 }).toBe('2026-11-23T14:00:00.000Z');
    await page.getByRole('status').getByText('Saving…').waitFor({ state: 'detached' });
    await page.getByRole('alert').waitFor({ state: 'detached' });
    expect(applied).toBeGreaterThanOrEqual(8);

    // Twenty actions, each applied once: one booking of 15 min, extended 19 times by 15 min.
    const booked = walkUps(bridge.store);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ start: '2026-11-23T09:00:00.000Z', end: '2026-11-23T14:00:00.000Z' });
    await page.getByText('10:00–15:00').first().waitFor();
  });

  it('applies each of 100 queued actions exactly once when the bridge is back: the limits per client let a whole outbox through', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const bridge = await restartableBridge(clock);
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();

    await bridge.stop();
    await offlineBanner(page).waitFor();
    await tap(page, 'Book now');
    await tap(page, '15 mins');
    for (let i = 0; i < 99; i++) {
      await tap(page, 'Extend');
      await tap(page, 'Extend by 15 mins');
    }
    await page.getByRole('alert').getByText(/waiting to sync/).waitFor();
    expect(walkUps(bridge.store)).toEqual([]);

    await bridge.start();
    // One booking of 15 min, extended 99 times by 15 min: 25 hours, each action applied once.
    const bookingEnd = () => walkUps(bridge.store)[0]?.end;
    await expect.poll(bookingEnd, { timeout: 30_000 }).toBe('2026-11-24T10:00:00.000Z');
    await page.getByRole('status').getByText('Saving…').waitFor({ state: 'detached' });
    await page.getByRole('alert').waitFor({ state: 'detached' });
    expect(walkUps(bridge.store)).toHaveLength(1);
  });

  it('shows a queued action that conflicts on replay as refused with its reason, and loses nothing else', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00+01:00');
    const review = timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00', { id: 'review', roomId: 'demo', subject: 'Review' });
    const bridge = await restartableBridge(clock, { meetings: [review] });
    const page = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Busy').waitFor();

    await bridge.stop();
    await offlineBanner(page).waitFor();
    await page.getByRole('button', { name: 'Extend', exact: true }).click();
    await page.getByRole('button', { name: 'Extend by 15 min' }).click();
    await page.getByText('09:30–10:45').waitFor();
    await page.getByRole('button', { name: 'End now' }).click();
    await page.getByRole('button', { name: 'Yes, end now' }).click();
    await statusWord(page, 'Available').waitFor();

    // Meanwhile the room was booked right after the review, somewhere else.
    bridge.store.saveMeeting(timed('2026-11-23T10:30:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'elsewhere', roomId: 'demo', subject: 'Booked elsewhere' }));
    await bridge.start();

    const refusal = page.getByRole('alert').filter({ hasText: 'A change made offline was not applied: The next meeting leaves no room to extend.' });
    await refusal.waitFor({ timeout: 15_000 });
    await statusWord(page, 'Available').waitFor();
    await page.getByText('Booked elsewhere').waitFor();
    expect(bridge.store.getMeeting('review')).toMatchObject({ end: '2026-11-23T09:00:00.000Z' });
    expect(bridge.store.getMeeting('elsewhere')).toBeDefined();
    // Whoever took it may be gone: the refusal stays, below the room's name and clock, until someone dismisses it.
    const header = (await page.locator('header').boundingBox())!;
    expect((await refusal.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
    await refusal.getByRole('button', { name: 'Dismiss' }).click();
    await refusal.waitFor({ state: 'detached' });
  });
});
