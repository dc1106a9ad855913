import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { collectCspViolations } from './csp-violations.ts';

export const BUILT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface DisplayPage {
  page: Page;
  /** Page errors, console errors and CSP violations (a blocked `eval` probe too, which the console does not show), for asserting there were none. */
  problems: string[];
  close(): Promise<void>;
}

/** A display as a kiosk opens it: its own browser context, so no state is shared between displays. */
export async function openDisplayPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<DisplayPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  await collectCspViolations(page, problems);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

export function statusWord(page: Page, word: string) {
  return page.getByRole('status', { name: 'Room status' }).getByText(word, { exact: true });
}

/**
 * Waits until the room's QR code, where the screen has one, is drawn: a
 * worker draws it after the status is on screen, so a screenshot or an audit
 * taken at once would miss it.
 */
export async function qrCodesDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('figure.qr')].every((figure) => figure.querySelector('svg[role="img"]')));
}
