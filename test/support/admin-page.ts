import type { Locator, Page } from 'playwright-core';
import { collectCspViolations } from './csp-violations.ts';
import { BUILT_WEB_DIR, openDisplayPage } from './display-page.ts';
import { ADMIN_APP_ROLE } from '../../bridge/src/admin/microsoft-identity.ts';
import type { E2eSession } from './e2e-hooks.ts';
import { FakeClock } from './fake-clock.ts';
import { TEST_ADMIN_TOKEN } from './in-process-bridge.ts';
import { startM365Bridge, type M365Bridge, type M365RoomSpec } from './m365-bridge.ts';

export const ADMIN = 'megan@contoso.example';
const BUILDINGS = ['Amsterdam North', 'Amsterdam South', 'Rotterdam'];

/**
 * A bridge against the Graph emulator whose tenant has 150 rooms more than
 * the bridge serves, an admin who can sign in, and the admin page's address
 * registered. The browser's clock is real, so the tenant's starts now.
 */
export async function office(session: E2eSession, rooms: M365RoomSpec[] = []): Promise<M365Bridge> {
  const m365 = await startM365Bridge({ clock: new FakeClock(Date.now()), rooms, webDir: BUILT_WEB_DIR });
  session.defer(() => m365.close());
  for (let n = 1; n <= 150; n++) {
    const number = String(n).padStart(3, '0');
    m365.tenant.addRoom({ displayName: `Room ${number}`, emailAddress: `room-${number}@contoso.example`, capacity: 4 + (n % 9), building: BUILDINGS[n % 3]! });
  }
  m365.tenant.addRoomList({ displayName: 'Rotterdam rooms', emailAddress: 'rotterdam@contoso.example', roomEmails: m365.tenant.rooms.filter((room) => room.building === 'Rotterdam').map((room) => room.emailAddress) });
  m365.tenant.addUser({ displayName: 'Megan Bowen', userPrincipalName: ADMIN, isAdmin: true, appRoles: [ADMIN_APP_ROLE] });
  m365.tenant.signInAs(ADMIN);
  m365.app.redirectUris.push(`${m365.bridge.url}/admin/`);
  await m365.settle();
  return m365;
}

/** The admin page in its own browser context; `problems` collects page errors and anything the CSP blocked. */
export async function openAdmin(
  session: E2eSession,
  url: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  // The emulator's certificate is self-signed; Microsoft's is not.
  const context = await session.browser().newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: options.locale ?? 'en-GB', ignoreHTTPSErrors: true });
  session.defer(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  await collectCspViolations(page, problems);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Refusals the tests provoke (401, 404) are console errors too; a blocked request or script is not expected ever.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

export async function pairingCodeOf(page: Page): Promise<string> {
  const code = page.getByText(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
  await code.waitFor();
  return (await code.textContent())!.trim();
}

export async function signInWithToken(page: Page): Promise<void> {
  await page.getByLabel('Local admin token').fill(TEST_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByText('Signed in with the local admin token').waitFor();
}

export async function signInWithMicrosoft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByText(`Signed in as ${ADMIN}`).waitFor();
}

/**
 * A display showing its pairing code, and the admin page signed in with the
 * local admin token with that code typed in: where every linking test starts.
 */
export async function pairingOnAdminPage(session: E2eSession, bridgeUrl: string): Promise<{ display: Awaited<ReturnType<typeof openDisplayPage>>; page: Page; problems: string[] }> {
  const display = await openDisplayPage(session.browser(), `${bridgeUrl}/`);
  session.defer(() => display.close());
  const code = await pairingCodeOf(display.page);
  const { page, problems } = await openAdmin(session, `${bridgeUrl}/admin/`);
  await signInWithToken(page);
  await page.getByLabel('Pairing code').fill(code);
  return { display, page, problems };
}

/** A room in the table of the bridge's rooms, opened by its name: its details, where its calendar, devices and access are changed. */
export async function roomDetails(page: Page, name: string): Promise<Locator> {
  const opener = page.getByRole('region', { name: 'Rooms on this bridge' }).getByRole('button', { name, exact: true });
  if ((await opener.getAttribute('aria-expanded')) !== 'true') await opener.click();
  return page.getByRole('region', { name, exact: true });
}

/** The calendar services a bridge without Microsoft 365 can connect, opened from their one line below the rooms and displays. */
export async function calendarServices(page: Page): Promise<void> {
  const opener = page.getByRole('button', { name: 'Connect a calendar service' });
  if ((await opener.getAttribute('aria-expanded')) !== 'true') await opener.click();
}
