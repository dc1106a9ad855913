import { describe, expect, it } from 'vitest';
import { pageOf, type EmulatedGraph } from '../graph-emulator/graph-test-client.ts';
import { ALICE, office, ROOM } from '../graph-emulator/office.ts';

interface DeltaEntry {
  id: string;
  subject?: string;
  lastModifiedDateTime?: string;
  start?: { dateTime: string; timeZone: string };
  '@removed'?: { reason: string };
  '@odata.type'?: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-22T00:00:00Z';

function meeting(graph: EmulatedGraph, subject: string, start: string, minutes = 30) {
  const end = new Date(Date.parse(start) + minutes * MINUTE).toISOString();
  return graph.tenant.scheduleMeeting(ALICE, { subject, start, end, rooms: [ROOM] });
}

/** The room's copy of an organizer's meeting. */
function roomCopyOf(graph: EmulatedGraph, iCalUId: string) {
  return graph.tenant.eventsOf(ROOM).find((event) => event.iCalUId === iCalUId)!;
}

/** Follows a round's nextLinks to its deltaLink. */
async function round(graph: EmulatedGraph, first: string, headers: Record<string, string> = {}) {
  const entries: DeltaEntry[] = [];
  const nextLinks: string[] = [];
  let page = pageOf<DeltaEntry>(await graph.graph(first, { headers }));
  for (;;) {
    entries.push(...page.value);
    if (!page['@odata.nextLink']) break;
    nextLinks.push(page['@odata.nextLink']);
    page = pageOf<DeltaEntry>(await graph.graph(page['@odata.nextLink'], { headers }));
  }
  expect(page['@odata.deltaLink']).toContain('$deltatoken=');
  return { entries, nextLinks, deltaLink: page['@odata.deltaLink']! };
}

describe('Graph emulator: calendarView delta', () => {
  it('lists the window page by page, then only what changed: new and changed events, and removals for cancelled, moved-out and declined-away ones', async () => {
    const graph = await office();
    const hours = ['09', '10', '11', '12', '13'];
    const [renamed, cancelled, movedOut, declinedAway] = hours.map((hour) => meeting(graph, `Meeting ${hour}`, `2026-10-20T${hour}:00:00Z`));
    meeting(graph, 'Next week', '2026-10-27T09:00:00Z');

    const initial = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`, { prefer: 'odata.maxpagesize=2' });
    expect(initial.nextLinks).toHaveLength(2);
    for (const link of initial.nextLinks) expect(link).toContain('$skiptoken=');
    expect(initial.entries.map((entry) => entry.subject)).toEqual(hours.map((hour) => `Meeting ${hour}`));
    expect(initial.entries.some((entry) => entry['@removed'])).toBe(false);

    graph.clock.now += MINUTE;
    const removedIds = [cancelled!, movedOut!, declinedAway!].map((event) => roomCopyOf(graph, event.iCalUId).restId);
    graph.tenant.updateMeeting(ALICE, renamed!.id, { subject: 'Meeting 09 (renamed)' });
    graph.tenant.cancelMeeting(ALICE, cancelled!.id);
    graph.tenant.updateMeeting(ALICE, movedOut!.id, { start: '2026-10-25T09:00:00Z', end: '2026-10-25T09:30:00Z' });
    meeting(graph, 'Blocker', '2026-10-21T16:00:00Z', 60);
    graph.tenant.updateMeeting(ALICE, declinedAway!.id, { start: '2026-10-21T16:30:00Z', end: '2026-10-21T17:00:00Z' });
    expect(graph.tenant.eventsOf(ALICE).find((event) => event.id === declinedAway!.id)!.attendees[0]!.status.response).toBe('declined');

    const changes = await round(graph, initial.deltaLink);
    const current = changes.entries.filter((entry) => !entry['@removed']);
    expect(current.map((entry) => entry.subject).sort()).toEqual(['Blocker', 'Meeting 09 (renamed)']);
    const removals = changes.entries.filter((entry) => entry['@removed']);
    expect(removals).toHaveLength(3);
    expect(removals.map((entry) => entry.id).sort()).toEqual([...removedIds].sort());
    expect(removals[0]).toEqual({ '@odata.type': '#microsoft.graph.event', id: expect.any(String), '@removed': { reason: 'deleted' } });

    const quiet = await round(graph, changes.deltaLink);
    expect(quiet.entries).toEqual([]);
  });

  it('keeps a round consistent while the calendar changes between its pages; the next round has the changes', async () => {
    const graph = await office();
    const events = ['09', '10', '11', '12'].map((hour) => meeting(graph, `Meeting ${hour}`, `2026-10-20T${hour}:00:00Z`));
    const first = pageOf<DeltaEntry>(await graph.graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: { prefer: 'odata.maxpagesize=2' } }));
    expect(first.value.map((entry) => entry.subject)).toEqual(['Meeting 09', 'Meeting 10']);

    graph.clock.now += MINUTE;
    const lastCopy = roomCopyOf(graph, events[3]!.iCalUId);
    graph.tenant.cancelMeeting(ALICE, events[3]!.id);
    meeting(graph, 'Late addition', '2026-10-20T08:00:00Z');
    const rest = await round(graph, first['@odata.nextLink']!, { prefer: 'odata.maxpagesize=2' });
    expect(rest.entries.map((entry) => entry.subject)).toEqual(['Meeting 11', 'Meeting 12']);

    const next = await round(graph, rest.deltaLink);
    expect(next.entries).toEqual([expect.objectContaining({ subject: 'Late addition' }), expect.objectContaining({ id: lastCopy.restId, '@removed': { reason: 'deleted' } })]);
  });

  it('answers 410 SyncStateNotFound for a token older than 7 days or issued before the tenant dropped its sync state', async () => {
    const graph = await office();
    meeting(graph, 'Meeting', '2026-10-20T09:00:00Z');
    meeting(graph, 'Other', '2026-10-20T10:00:00Z');
    const initial = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);

    graph.clock.now += 6 * DAY;
    const sixDaysOn = await round(graph, initial.deltaLink);
    graph.clock.now += 7 * DAY + 1000;
    expect(await graph.graph(sixDaysOn.deltaLink)).toMatchObject({ status: 410, body: { error: { code: 'SyncStateNotFound' } } });

    const fresh = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);
    const midRound = pageOf(await graph.graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: { prefer: 'odata.maxpagesize=1' } }))['@odata.nextLink']!;
    graph.tenant.expireDeltaTokens();
    expect(await graph.graph(fresh.deltaLink)).toMatchObject({ status: 410, body: { error: { code: 'SyncStateNotFound' } } });
    expect(await graph.graph(midRound)).toMatchObject({ status: 410 });
    expect((await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`)).entries).toHaveLength(2);
  });

  it('refuses a forgotten token as 400 resyncRequired, or as 410 with a Location that starts the window over', async () => {
    const graph = await office();
    meeting(graph, 'Meeting', '2026-10-20T09:00:00Z');
    const initial = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);
    graph.tenant.expireDeltaTokens();

    graph.tenant.deltaRefusal = { answer: 'resync-required', everyRound: false };
    expect(await graph.graph(initial.deltaLink)).toMatchObject({ status: 400, body: { error: { code: 'resyncRequired' } } });

    graph.tenant.deltaRefusal = { answer: 'gone-with-location', everyRound: false };
    const gone = await graph.graph(initial.deltaLink);
    expect(gone).toMatchObject({ status: 410, body: null });
    const location = new URL(gone.headers.location as string);
    expect(location.href).toContain(`${graph.emulator.url}/v1.0/users/${ROOM}/calendarView/delta?`);
    expect(Object.fromEntries(location.searchParams)).toEqual({ startDateTime: '2026-10-20T00:00:00.000Z', endDateTime: '2026-10-22T00:00:00.000Z', $deltatoken: '' });
    expect((await round(graph, location.href)).entries.map((entry) => entry.subject)).toEqual(['Meeting']);
  });

  it('refuses every round, even one without a token, while the tenant refuses them all', async () => {
    const graph = await office();
    meeting(graph, 'Meeting', '2026-10-20T09:00:00Z');
    const initial = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);
    graph.tenant.deltaRefusal = { answer: 'resync-required', everyRound: true };
    expect(await graph.graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`)).toMatchObject({ status: 400, body: { error: { code: 'resyncRequired' } } });
    expect((await graph.graph(initial.deltaLink)).status).toBe(400);

    graph.tenant.deltaRefusal = { answer: 'resync-required', everyRound: false };
    expect((await round(graph, initial.deltaLink)).entries).toEqual([]);
  });

  it('refuses a round without a window and a token of another mailbox', async () => {
    const graph = await office();
    expect(await graph.graph(`/users/${ROOM}/calendarView/delta`)).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidParameter' } } });
    const { deltaLink } = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);
    expect((await graph.graph(deltaLink.replace(ROOM, ALICE))).status).toBe(400);
    expect((await graph.graph(`/users/${ROOM}/calendarView/delta?$deltatoken=garbage`)).status).toBe(400);
  });

  it('renders delta entries in the Prefer: outlook.timezone zone', async () => {
    const graph = await office();
    meeting(graph, 'Meeting', '2026-10-20T09:00:00Z');
    const answer = await graph.graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: { prefer: 'outlook.timezone="Europe/Amsterdam"' } });
    expect(answer.headers['preference-applied']).toContain('outlook.timezone="Europe/Amsterdam"');
    expect(pageOf<DeltaEntry>(answer).value[0]!.start).toEqual({ dateTime: '2026-10-20T11:00:00.0000000', timeZone: 'Europe/Amsterdam' });
  });

  it('shuffles a round when asked, still giving every entry exactly once across pages', async () => {
    const graph = await office();
    for (let i = 0; i < 40; i++) meeting(graph, `Meeting ${String(i).padStart(2, '0')}`, new Date(Date.parse('2026-10-20T06:00:00Z') + i * 30 * MINUTE).toISOString());
    graph.tenant.deltaQuirks = { shuffle: true, repeat: false };
    const { entries } = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`, { prefer: 'odata.maxpagesize=7' });
    const subjects = entries.map((entry) => entry.subject!);
    expect(subjects).toHaveLength(40);
    expect(new Set(subjects).size).toBe(40);
    expect(subjects).not.toEqual([...subjects].sort());
  });

  it('repeats an older version of a changed event after the newer one when asked; keeping the newest by lastModifiedDateTime gives the truth', async () => {
    const graph = await office();
    const event = meeting(graph, 'Draft', '2026-10-20T09:00:00Z');
    meeting(graph, 'Untouched', '2026-10-20T11:00:00Z');
    const initial = await round(graph, `/users/${ROOM}/calendarView/delta?${WINDOW}`);
    graph.tenant.deltaQuirks = { shuffle: false, repeat: true };
    graph.clock.now += MINUTE;
    graph.tenant.updateMeeting(ALICE, event.id, { subject: 'Second' });
    graph.clock.now += MINUTE;
    graph.tenant.updateMeeting(ALICE, event.id, { subject: 'Final' });

    const { entries } = await round(graph, initial.deltaLink);
    expect(entries.map((entry) => entry.subject)).toEqual(['Final', 'Second']);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(1);
    const newest = new Map<string, DeltaEntry>();
    for (const entry of entries) {
      const known = newest.get(entry.id);
      if (!known || Date.parse(entry.lastModifiedDateTime!) > Date.parse(known.lastModifiedDateTime!)) newest.set(entry.id, entry);
    }
    expect([...newest.values()].map((entry) => entry.subject)).toEqual(['Final']);
  });
});
