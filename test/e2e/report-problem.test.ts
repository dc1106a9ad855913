import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAdmin, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord, type DisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { until } from '../support/until.ts';
import { startWebhookServer, type WebhookServer } from '../support/webhook-server.ts';

const session = useChromium();

/** An open room's bridge whose problem alerts go to a webhook on a local port; the test closes the bridge. */
async function bridgeWithWebhook(): Promise<{ bridge: TestBridge; webhook: WebhookServer; clock: FakeClock }> {
  const clock = new FakeClock('2026-11-23T10:00:00+01:00');
  const webhook = await startWebhookServer();
  session.defer(() => webhook.close());
  const bridge = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, alertWebhookUrl: webhook.url });
  return { bridge, webhook, clock };
}

async function display(url: string): Promise<DisplayPage> {
  const opened = await openDisplayPage(session.browser(), url);
  session.defer(() => opened.close());
  return opened;
}

async function reportSound(page: Page, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Report a problem' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report a problem' });
  await dialog.getByRole('button', { name: 'Sound' }).click();
  expect(await dialog.getByRole('button', { name: 'Sound' }).getAttribute('aria-pressed')).toBe('true');
  await dialog.getByLabel('Note (optional)').fill(note);
  await dialog.getByRole('button', { name: 'Send' }).click();
}

const delivered = (webhook: WebhookServer) => until(() => (webhook.delivered().length > 0 ? webhook.delivered() : undefined), 10_000, 'the alert at the webhook');

describe('"Report a problem" on a display', () => {
  it('is told to facilities: the thanks on screen, the alert at the webhook, the problem on the admin page, resolved there', async () => {
    const { bridge, webhook } = await bridgeWithWebhook();
    session.defer(() => bridge.close());
    const { page, problems: pageProblems } = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();

    await reportSound(page, 'The ceiling speaker crackles');
    await page.getByRole('status').getByText('Thanks — facilities have been told.').waitFor();
    // It closes by itself after a few seconds, and the display is as it was.
    await page.getByRole('dialog', { name: 'Report a problem' }).waitFor({ state: 'detached', timeout: 10_000 });
    await statusWord(page, 'Available').waitFor();

    expect(await delivered(webhook)).toEqual([
      { id: expect.any(String), roomId: 'demo', roomName: 'Harbour', kind: 'sound', note: 'The ceiling speaker crackles', reportedAt: '2026-11-23T09:00:00.000Z' },
    ]);

    const { page: admin, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await signInWithToken(admin);
    const panel = admin.getByRole('region', { name: 'Reported problems' });
    const row = panel.getByRole('row', { name: /Harbour Sound The ceiling speaker crackles Open/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Resolve: Sound in Harbour' }).click();
    await panel.getByRole('status').getByText('Resolved: Sound in Harbour.').waitFor();
    await panel.getByRole('row', { name: /Harbour Sound The ceiling speaker crackles Resolved by local admin token/ }).waitFor();
    await admin.getByRole('row', { name: /local admin token Resolved a problem Sound in Harbour, reported/ }).waitFor();
    expect(problems).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it('reported while the bridge is away, waits on the display, says so, and reaches the webhook once the bridge is back', async () => {
    const { bridge, webhook, clock } = await bridgeWithWebhook();
    const { page } = await display(`${bridge.url}/rooms/demo`);
    await statusWord(page, 'Available').waitFor();
    // The service worker has the dialog's chunk precached, as on any display that ran a while before its bridge went away.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const { port, store } = bridge;
    await bridge.close();
    await page.getByRole('alert').getByText(/^Offline since/).waitFor();

    await reportSound(page, 'Hums when muted');
    await page.getByRole('status').getByText('Will be sent when the display is back online.').waitFor();
    expect(webhook.received).toEqual([]);

    const back = await startTestBridge({ clock, webDir: BUILT_WEB_DIR, store, port, alertWebhookUrl: webhook.url });
    session.defer(() => back.close());
    expect(await delivered(webhook)).toMatchObject([{ roomId: 'demo', kind: 'sound', note: 'Hums when muted' }]);
  });
});
