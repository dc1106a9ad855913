import { describe, expect, it } from 'vitest';
import { BUILT_WEB_DIR, openDisplayPage, statusWord } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge } from '../support/m365-bridge.ts';

const session = useChromium();
const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
const PERSON = 'ada@contoso.example';

describe('a display of a room in Microsoft 365', () => {
  it('shows a meeting booked in Outlook, and says why a walk-up booking the room declined disappeared', async () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await startM365Bridge({ clock, rooms: [ROOM], webDir: BUILT_WEB_DIR });
    session.defer(() => m365.close());
    m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
    await m365.integration.syncNow(ROOM.id);
    const { page, problems } = await openDisplayPage(session.browser(), `${m365.bridge.url}/rooms/${ROOM.id}`);
    session.defer(() => page.context().close());
    await statusWord(page, 'Available').waitFor();

    m365.tenant.scheduleMeeting(PERSON, { subject: 'Budget review', start: '2026-11-23T11:00:00Z', end: '2026-11-23T12:00:00Z', rooms: [ROOM.mailbox] });
    await m365.advance(15_000);
    await page.getByText('Budget review').first().waitFor();

    // Booked in Outlook a moment ago: the display does not know yet and lets someone walk up.
    m365.tenant.scheduleMeeting(PERSON, { subject: 'Client call', start: '2026-11-23T08:15:00Z', end: '2026-11-23T08:45:00Z', rooms: [ROOM.mailbox] });
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('button', { name: '30 min' }).click();
    await statusWord(page, 'Busy').waitFor();

    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    await page.getByRole('alert').getByText("Your booking 9:00–9:30 was declined by the room's calendar: it overlaps another booking.").waitFor();
    await statusWord(page, 'Available').waitFor();
    await page.getByText('Client call').first().waitFor();
    expect(problems).toEqual([]);
  });
});
