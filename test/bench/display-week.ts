import type { Browser } from 'playwright-core';
import { DAY_MS, MINUTE_MS } from '../../shared/clock.ts';
import type { Meeting } from '../../shared/model.ts';
import { BUILT_WEB_DIR, statusWord } from '../support/display-page.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { postJson } from '../support/http.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import type { BenchRow } from './table.ts';

/** A Monday morning in the demo room's zone; the week runs to the next Monday. */
const MONDAY = '2026-11-23T07:00:00+01:00';
const STEP = MINUTE_MS;

/** A working week and its weekend: meetings on the hour 9:00-17:00 on weekdays, two on Saturday. */
function weekOfMeetings(): Meeting[] {
  const meetings: Meeting[] = [];
  for (let day = 0; day < 8; day++) {
    const date = new Date(Date.parse(MONDAY) + day * DAY_MS).toISOString().slice(0, 10);
    const hours = day % 7 === 5 ? [10, 14] : day % 7 === 6 ? [] : [9, 10, 11, 13, 14, 15, 16];
    for (const hour of hours) {
      const at = (h: number, m: number) => `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+01:00`;
      meetings.push(timed(at(hour, 0), at(hour, 45), { roomId: 'demo', subject: `Meeting ${date} ${hour}:00` }));
    }
  }
  return meetings;
}

/**
 * The display page's JS heap over a simulated week (SPEC: growth at most
 * 5 MB): the built app in Chromium against an in-process bridge, both on
 * fake clocks moved together a minute at a time (the page's timers due in
 * that minute fire once: a second's tick is garbage, not growth), through a week of
 * meetings with a walk-up booking in every gap of the working day. The
 * heap is read after a forced garbage collection, once the first day has
 * warmed the page up, and at the end of the week. The page's socket.io
 * client runs on the fake clock too and misses the bridge's real-time pings,
 * so it also keeps losing the bridge and reconnecting: harsher than a week
 * on a kiosk, and a leak per reconnection would show.
 */
export async function displayWeekBench(browser: Browser): Promise<BenchRow[]> {
  const clock = new FakeClock(MONDAY);
  const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, meetings: weekOfMeetings() });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.clock.install({ time: clock.now() });
    await page.goto(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    const cdp = await context.newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
    };
    const atStart = await heapMb();
    let afterFirstDay = atStart;
    let followedDays = 0;
    for (let elapsed = STEP; elapsed <= 7 * DAY_MS; elapsed += STEP) {
      clock.advance(STEP);
      await page.clock.fastForward(STEP);
      const local = new Date(clock.now());
      // A quarter to, 9:45-16:45 on weekdays (the zone is UTC+1): a walk-up booking in the gap after the meeting.
      if (local.getUTCDay() >= 1 && local.getUTCDay() <= 5 && local.getUTCHours() >= 8 && local.getUTCHours() <= 15 && local.getUTCMinutes() === 45) {
        const booked = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
        if (booked.status !== 200) throw new Error(`the walk-up booking at ${local.toISOString()} was refused: ${JSON.stringify(booked.body)}`);
      }
      // Each weekday at 10:10 the page must be following: Busy with that day's meeting, which only the bridge can have sent.
      if (local.getUTCDay() >= 1 && local.getUTCDay() <= 5 && local.getUTCHours() === 9 && local.getUTCMinutes() === 10) {
        await page.getByText(`Meeting ${local.toISOString().slice(0, 10)} 10:00`).first().waitFor({ timeout: 5000 });
        await statusWord(page, 'Busy').waitFor({ timeout: 5000 });
        followedDays++;
      }
      if (elapsed === DAY_MS) afterFirstDay = await heapMb();
    }
    if (followedDays !== 5) throw new Error(`the display followed ${followedDays} of 5 working days`);
    const atEnd = await heapMb();
    const growth = atEnd - afterFirstDay;
    return [
      {
        what: `display page JS heap over a simulated week (after day 1 → after day 7; ${atStart.toFixed(1)} MB at start)`,
        value: `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB (${afterFirstDay.toFixed(1)} → ${atEnd.toFixed(1)})`,
        budget: 'growth <= 5 MB',
        ok: growth <= 5,
      },
    ];
  } finally {
    await context.close();
    await bridge.close();
  }
}
