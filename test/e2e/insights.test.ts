import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INSIGHTS_CSV_COLUMNS } from '../../shared/insights.ts';
import { openAdmin, signInWithToken } from '../support/admin-page.ts';
import { axeViolations } from '../support/axe.ts';
import { BUILT_WEB_DIR, openDisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { startInsightsOffice, type InsightsOffice } from '../support/insights-office.ts';

const session = useChromium();

/** `LINTEL_SCREENSHOTS=1` keeps the README's picture of the section up to date; otherwise the picture is taken, checked and thrown away. */
const SCREENSHOT = process.env.LINTEL_SCREENSHOTS === '1' ? 'docs/insights.png' : join(tmpdir(), `lintel-insights-${process.pid}.png`);

async function office(): Promise<InsightsOffice> {
  const started = await startInsightsOffice(BUILT_WEB_DIR);
  session.defer(() => started.bridge.close());
  return started;
}

async function openInsights(page: Page): Promise<void> {
  await signInWithToken(page);
  await page.getByRole('button', { name: 'Show insights' }).click();
  await page.getByRole('heading', { name: 'Rooms, busiest first' }).waitFor();
}

/** The rooms table as the admin reads it: each row's room and its number of meetings, read at one moment (it is redrawn as filters change). */
function roomRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('group', { name: 'Rooms, busiest first' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent?.trim() ?? '', row.querySelector('td')?.textContent?.trim() ?? '']));
}

const box = async (locator: Locator) => (await locator.boundingBox())!;

describe('the Insights section of the admin page', () => {
  it('draws the rooms and the week with their numbers as tables, follows a filter, and downloads the same numbers as CSV', async () => {
    const { bridge, meetings } = await office();
    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await openInsights(page);

    await expect.poll(() => roomRows(page)).toEqual([
      ['Harbour', String(meetings.harbour)],
      ['Quay', String(meetings.quay)],
      ['Loft', String(meetings.loft)],
    ]);
    // Three charts: the rooms, the week booked, the week occupied (Harbour has a sensor); each told in words too.
    await expect.poll(() => page.locator('figure .chart svg').count()).toBe(3);
    const roomsChart = page.locator('figure').filter({ has: page.getByText(/^Booked: the upper bar/) });
    await expect.poll(() => roomsChart.locator('svg [aria-label="bar"] rect').count()).toBe(6);
    expect(await roomsChart.locator('figcaption').textContent()).toMatch(/Busiest: Harbour, \d+% booked; least used: Loft, \d+%\./);
    expect(await page.locator('figcaption').nth(1).textContent()).toMatch(/ by weekday and hour of the day\. Most booked: \w+day at \d{1,2}:00, \d+%\. Most occupied: \w+day at \d{1,2}:00, \d+%\.$/);
    const figure = (name: string) => page.getByRole('region', { name: 'The chosen rooms together' }).locator('div').filter({ has: page.getByText(name, { exact: true }) }).locator('dd.value');
    expect(await figure('Meetings').innerText()).toBe(String(meetings.harbour + meetings.loft + meetings.quay));
    // Harbour's first meeting: nobody came.
    expect(await figure('Ghost meetings').innerText()).toBe('1');
    // The heatmap's numbers are a table too, a click away.
    await page.getByText('Show as tables').click();
    await page.getByRole('table', { name: 'Booked' }).getByRole('rowheader', { name: '10:00' }).waitFor();

    await page.getByLabel('Building', { exact: true }).selectOption('North');
    await expect.poll(() => roomRows(page)).toEqual([
      ['Harbour', String(meetings.harbour)],
      ['Loft', String(meetings.loft)],
    ]);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^lintel-insights-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = readFileSync((await file.path())!, 'utf8').split('\r\n');
    expect(header).toBe(INSIGHTS_CSV_COLUMNS.join(','));
    expect(lines.filter((line) => line !== '').map((line) => line.split(',').slice(0, 6))).toEqual([
      ['harbour', 'Harbour', 'North', '1', '8', String(meetings.harbour)],
      ['loft', 'Loft', 'North', '2', '4', String(meetings.loft)],
    ]);
    // Plot's own <style> would be refused by the page's Content-Security-Policy: none is left in.
    expect(problems).toEqual([]);
  });

  it('has no axe violations on a laptop and a phone, in English and in Arabic, where its charts run from the right', async () => {
    const { bridge } = await office();
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const admin = await openDisplayPage(session.browser(), `${bridge.url}/admin/`, { bypassCSP: true, viewport });
      session.defer(() => admin.close());
      const { page } = admin;
      await openInsights(page);
      await page.locator('figure .chart svg').nth(2).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Language').selectOption('ar');
      await page.getByRole('heading', { name: 'الغرف، الأكثر استخدامًا أولًا' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await axeViolations(page)).toEqual([]);
      // Right to left, the room names stand right of their bars.
      const chart = page.locator('figure .chart svg').first();
      await expect.poll(async () => (await box(chart.locator('[aria-label="y-axis tick label"]'))).x > (await box(chart.locator('[aria-label="bar"]').first())).x).toBe(true);
    }
  });

  it('takes the README screenshot of the section, 1280x900 in English', async () => {
    const { bridge } = await office();
    const { page } = await openAdmin(session, `${bridge.url}/admin/`, { viewport: { width: 1280, height: 900 } });
    await openInsights(page);
    await page.locator('figure .chart svg').nth(2).waitFor();
    await page.getByRole('heading', { name: 'Insights', exact: true }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // A PNG's IHDR gives its size: the picture README shows is the section at 1280x900.
    const png = readFileSync(SCREENSHOT);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 900]);
    if (!process.env.LINTEL_SCREENSHOTS) rmSync(SCREENSHOT);
  });
});
