import type { Page } from 'playwright-core';

/**
 * Adds each Content-Security-Policy violation on `page` to `problems`:
 * Chromium reports a blocked eval (Zod's probe for one too) only as a
 * securitypolicyviolation event, never on the console
 * (https://developer.mozilla.org/en-US/docs/Web/API/SecurityPolicyViolationEvent).
 * Before the page's first navigation.
 */
export async function collectCspViolations(page: Page, problems: string[]): Promise<void> {
  await page.exposeFunction('lintelCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { lintelCspViolation: (text: string) => void }).lintelCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`);
    });
  });
}
