import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openAdmin } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';

const SCREENSHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };
const session = useChromium();

describe("the console's one-time sign-in link", () => {
  it('signs a phone in without typing the token, leaves the address at once, and a second use or a late one is refused, saying why', async () => {
    const clock = new FakeClock(Date.now());
    const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, rooms: [{ id: 'harbour', name: 'Harbour' }] });
    session.defer(() => bridge.close());
    // The test bridge's public address is made up: the same link, on the address it listens on.
    const onBridge = (link: string) => `${bridge.url}/admin/${new URL(link).hash}`;
    const link = onBridge(bridge.signInLink());

    const { page, problems } = await openAdmin(session, link, { viewport: PHONE });
    await page.getByText('Signed in with the local admin token').waitFor();
    await page.getByRole('heading', { name: 'Rooms on this bridge' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('row', { name: /Signed in with a one-time link.*the link is used up\./ }).waitFor();
    // A reload keeps the sign-in for the tab, and does not use the link again.
    await page.reload();
    await page.getByText('Signed in with the local admin token').waitFor();

    const again = await openAdmin(session, link, { viewport: PHONE });
    await again.page.getByRole('alert').getByText('This sign-in link was used already: each signs in once.', { exact: false }).waitFor();
    await again.page.getByLabel('Local admin token').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await again.page.screenshot({ path: `${SCREENSHOTS}/admin-sign-in-link-used-390x844.png`, fullPage: true });

    const late = onBridge(bridge.signInLink());
    clock.advance(10 * 60_000);
    const expired = await openAdmin(session, late, { viewport: PHONE });
    await expired.page.getByRole('alert').getByText('This sign-in link has expired: links work for 10 minutes.', { exact: false }).waitFor();
    expect([...problems, ...again.problems, ...expired.problems]).toEqual([]);
  });
});
