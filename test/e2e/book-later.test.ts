import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { BUILT_WEB_DIR, openDisplayPage, statusWord, type DisplayPage } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson, postJson } from '../support/http.ts';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../support/in-process-bridge.ts';
import { SERVICE_MAILBOX, startM365Bridge } from '../support/m365-bridge.ts';
import { timed } from '../support/meetings.ts';
import { relayRoomPushes } from '../support/room-push-relay.ts';

const session = useChromium();

/** A time on the test day in Amsterdam, where the rooms are. */
const local = (time: string) => `2026-11-23T${time}:00+01:00`;
const planning = timed(local('11:00'), local('12:00'), { id: 'planning', roomId: 'demo', subject: 'Planning' });
const review = timed(local('13:00'), local('14:00'), { id: 'review', roomId: 'demo', subject: 'Review' });
// Chromium words durations as Node does: "30 mins" in en-GB.
const minutes = (n: number) => new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(n);

async function bridgeAt(time: string, options: Omit<TestBridgeOptions, 'clock' | 'webDir'> = {}): Promise<TestBridge> {
  const bridge = await startTestBridge({ clock: new FakeClock(local(time)), webDir: BUILT_WEB_DIR, ...options });
  session.defer(() => bridge.close());
  return bridge;
}

async function display(url: string): Promise<DisplayPage> {
  const opened = await openDisplayPage(session.browser(), url);
  session.defer(() => opened.close());
  return opened;
}

const agenda = (page: Page) => page.getByRole('region', { name: 'Next meetings' });
const timeline = (page: Page) => page.getByRole('figure', { name: /^Today's schedule/ });
const chooser = (page: Page, name: string) => page.getByRole('dialog', { name });
/** The chooser once its lazily loaded dialog is whole on screen: read before, its choices may not be there yet. */
async function shownChooser(page: Page, name: string) {
  const dialog = chooser(page, name);
  await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
  return dialog;
}

async function walkUps(bridge: TestBridge) {
  const { body } = await getJson(`${bridge.url}/api/rooms/demo/state`);
  return (body as RoomState).events.filter((event) => event.origin === 'walk-up');
}

describe('booking a later slot at the panel', () => {
  it('books a free gap of the agenda by touch: on screen at once, on a second display, and in the calendar', async () => {
    const bridge = await bridgeAt('10:00', { meetings: [planning, review] });
    const a = await display(`${bridge.url}/rooms/demo`);
    const b = await display(`${bridge.url}/rooms/demo`);
    await statusWord(b.page, 'Available').waitFor();

    await agenda(a.page).getByRole('button', { name: 'Book 12:00–13:00' }).click();
    const lengths = (await shownChooser(a.page, 'Book from 12:00')).getByRole('button');
    expect(await lengths.allTextContents()).toEqual([minutes(15), minutes(30), minutes(45), minutes(60), 'Cancel']);
    await chooser(a.page, 'Book from 12:00').getByRole('button', { name: minutes(30), exact: true }).click();

    await agenda(a.page).getByText('12:00–12:30').waitFor({ timeout: 1000 });
    await agenda(b.page).getByText('12:00–12:30').waitFor();
    await agenda(b.page).getByText('Walk-up booking').waitFor();
    // What is left of the gap is offered in turn; the room stays free until then.
    await agenda(b.page).getByRole('button', { name: 'Book 12:30–13:00' }).waitFor();
    expect(await statusWord(a.page, 'Available').count()).toBe(1);
    expect(await walkUps(bridge)).toEqual([expect.objectContaining({ subject: 'Walk-up booking', start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z' })]);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('starts where the timeline was tapped, and asks to confirm before the PIN in a room that wants both', async () => {
    const bridge = await bridgeAt('10:00', { rooms: [{ id: 'demo', settings: { confirmBooking: true, pin: '4711' } }], meetings: [planning, review] });
    const { page, problems } = await display(`${bridge.url}/rooms/demo`);

    // Book now asks too, and Cancel sends nothing.
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('button', { name: minutes(15), exact: true }).click();
    const question = page.getByRole('alertdialog', { name: 'Book 10:00–10:15?' });
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog', { name: 'Enter the room PIN' }).count()).toBe(0);
    await statusWord(page, 'Available').waitFor();

    // A tap in the middle of the free hour on the bar offers its middle.
    await timeline(page).getByRole('button', { name: 'Book 12:00–13:00' }).click();
    const lengths = (await shownChooser(page, 'Book from 12:30')).getByRole('button');
    expect(await lengths.allTextContents()).toEqual([minutes(15), minutes(30), 'Cancel']);
    await chooser(page, 'Book from 12:30').getByRole('button', { name: minutes(30), exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Book 12:30–13:00?' }).getByRole('button', { name: 'Confirm' }).click();
    const pad = page.getByRole('dialog', { name: 'Enter the room PIN' });
    for (const digit of '4711') await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByRole('button', { name: 'OK' }).click();

    await agenda(page).getByText('12:30–13:00').waitFor();
    await expect.poll(() => walkUps(bridge)).toEqual([expect.objectContaining({ start: '2026-11-23T11:30:00.000Z', end: '2026-11-23T12:00:00.000Z' })]);
    expect(problems).toEqual([]);
  });

  it("offers only the lengths a room allows, and says why the others are missing: the room's limit or the next meeting", async () => {
    const loftPlanning = { ...planning, id: 'loft-planning', roomId: 'loft' };
    const bridge = await bridgeAt('10:20', {
      rooms: [{ id: 'demo', settings: { maxBookingMinutes: 30 } }, { id: 'loft', name: 'Loft' }],
      meetings: [planning, review, loftPlanning],
    });
    const limited = await display(`${bridge.url}/rooms/demo`);
    await limited.page.getByRole('button', { name: 'Book now' }).click();
    const bookNow = limited.page.getByRole('group', { name: 'Book now' });
    expect(await bookNow.getByRole('button').allTextContents()).toEqual([minutes(15), minutes(30), 'Cancel']);
    await bookNow.getByText(`Up to ${minutes(30)} in this room`).waitFor();

    await agenda(limited.page).getByRole('button', { name: 'Book 12:00–13:00' }).click();
    const later = await shownChooser(limited.page, 'Book from 12:00');
    expect(await later.getByRole('button').allTextContents()).toEqual([minutes(15), minutes(30), 'Cancel']);
    await later.getByText(`Up to ${minutes(30)} in this room`).waitFor();

    const loft = await display(`${bridge.url}/rooms/loft`);
    await loft.page.getByRole('button', { name: 'Book now' }).click();
    const loftBookNow = loft.page.getByRole('group', { name: 'Book now' });
    expect(await loftBookNow.getByRole('button').allTextContents()).toEqual([minutes(15), minutes(30), 'Until 11:00', 'Cancel']);
    await loftBookNow.getByText('Next meeting at 11:00').waitFor();
  });

  it('rolls a later booking back with a clear message when someone else booked that time meanwhile', async () => {
    const bridge = await bridgeAt('10:00', { meetings: [planning, review] });
    const late = await display(`${bridge.url}/rooms/demo`);
    const pushes = await relayRoomPushes(late.page);
    await statusWord(late.page, 'Available').waitFor();

    pushes.hold();
    const first = await postJson(`${bridge.url}/api/rooms/demo/actions`, { id: crypto.randomUUID(), type: 'book', start: '2026-11-23T11:00:00.000Z', minutes: 30 });
    expect(first.status).toBe(200);
    await agenda(late.page).getByRole('button', { name: 'Book 12:00–13:00' }).click();
    await chooser(late.page, 'Book from 12:00').getByRole('button', { name: minutes(60), exact: true }).click();
    await late.page.getByRole('alert').getByText('That time is no longer free.').waitFor();
    // The other booking is what shows, and the rest of the gap is offered.
    await agenda(late.page).getByRole('button', { name: 'Book 12:30–13:00' }).waitFor();
    expect(await agenda(late.page).getByText('12:00–13:00').count()).toBe(0);
    expect(await walkUps(bridge)).toEqual([expect.objectContaining({ start: '2026-11-23T11:00:00.000Z', end: '2026-11-23T11:30:00.000Z' })]);
  });

  it("writes a later booking to Microsoft 365 as a walk-up booking, with the room's mailbox attending", async () => {
    const room = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example' };
    const person = 'ada@contoso.example';
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const m365 = await startM365Bridge({ clock, rooms: [room], webDir: BUILT_WEB_DIR });
    session.defer(() => m365.close());
    m365.tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: person });
    m365.tenant.scheduleMeeting(person, { subject: 'Budget review', start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z', rooms: [room.mailbox] });
    m365.tenant.scheduleMeeting(person, { subject: 'Client call', start: '2026-11-23T11:00:00Z', end: '2026-11-23T12:00:00Z', rooms: [room.mailbox] });
    await m365.integration.syncNow(room.id);
    const { page, problems } = await display(`${m365.bridge.url}/rooms/${room.id}`);

    await agenda(page).getByRole('button', { name: 'Book 11:00–12:00' }).click();
    await chooser(page, 'Book from 11:00').getByRole('button', { name: minutes(30), exact: true }).click();
    await agenda(page).getByText('11:00–11:30').waitFor();

    await m365.integration.flushOutbox();
    await m365.advance(15_000);
    const booked = (mailbox: string) => m365.tenant.eventsOf(mailbox).filter((event) => event.subject === 'Walk-up booking');
    expect(booked(SERVICE_MAILBOX).map((event) => [event.start, event.end])).toEqual([[Date.parse('2026-11-23T10:00:00Z'), Date.parse('2026-11-23T10:30:00Z')]]);
    expect(booked(room.mailbox)).toEqual([expect.objectContaining({ iCalUId: booked(SERVICE_MAILBOX)[0]!.iCalUId })]);
    await agenda(page).getByText('11:00–11:30').waitFor();
    expect(problems).toEqual([]);
  });
});
