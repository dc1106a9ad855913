import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Room } from '../../shared/model.ts';
import { loadRoomsFile, roomsToSave } from './rooms-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'lintel-rooms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('rooms file', () => {
  it('reads rooms with their settings and fills the defaults', () => {
    const path = file('ok.json', JSON.stringify({ rooms: [{ id: 'loft', name: 'Loft', timeZone: 'Europe/Berlin', settings: { language: 'de', pin: '1234' } }] }));
    const result = loadRoomsFile(path);
    expect(result).toMatchObject({ ok: true, data: [{ id: 'loft', settings: { language: 'de', pin: '1234', privacy: 'subject-and-organizer', readOnly: false } }] });
  });

  it('lists every problem with its path', () => {
    const path = file('bad.json', JSON.stringify({
      rooms: [
        { id: 'loft', name: 'Loft', timeZone: 'Europe/Berlin', settings: { pin: '12', privacy: 'secret', officeHours: { start: '18:00', end: '08:00' } } },
        { id: 'loft', name: '', timeZone: 'Europe/Berlin', settings: { checkIn: { releaseNoShows: true } } },
      ],
    }));
    const result = loadRoomsFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const problem of ['rooms.0.settings.pin', 'rooms.0.settings.privacy', 'rooms.0.settings.officeHours.end', 'rooms.1.name', 'rooms.1.settings.checkIn.releaseNoShows']) {
      expect(result.message).toContain(problem);
    }
  });

  it('names a misspelt or unsupported key with its path, wherever it is, instead of ignoring it', () => {
    const path = file('unknown-keys.json', JSON.stringify({
      rooms: [
        { id: 'loft', name: 'Loft', timeZone: 'Europe/Berlin', capcity: 8, settings: { checkIn: { requierd: true } }, location: { floor: 2, wing: 'east' } },
        { id: 'atrium', name: 'Atrium', timeZone: 'Europe/Berlin', calendar: { type: 'ics', url: 'https://calendar.example/atrium.ics', walkups: 'local' }, microsoft365: null },
      ],
      bridge: { port: 8080 },
    }));
    expect(loadRoomsFile(path)).toEqual({
      ok: false,
      code: 'invalid-input',
      message:
        'rooms.0.location: Unrecognized key: "wing"; rooms.0.settings.checkIn: Unrecognized key: "requierd"; rooms.0: Unrecognized key: "capcity"; rooms.1.calendar: Unrecognized key: "walkups"; Unrecognized key: "bridge"',
    });
  });

  it('reports duplicate room ids, bad JSON and missing files clearly', () => {
    const dup = file('dup.json', JSON.stringify({ rooms: [{ id: 'a', name: 'A', timeZone: 'UTC' }, { id: 'a', name: 'B', timeZone: 'UTC' }] }));
    expect(loadRoomsFile(dup)).toMatchObject({ ok: false, message: expect.stringContaining('rooms.1.id: room id "a" is used twice') });
    expect(loadRoomsFile(file('broken.json', '{ rooms: ['))).toMatchObject({ ok: false, message: expect.stringContaining('is not valid JSON') });
    expect(loadRoomsFile(join(dir, 'missing.json'))).toMatchObject({ ok: false, message: expect.stringContaining('cannot read') });
  });
});

describe("a room's calendar in the rooms file", () => {
  it('takes a CalDAV collection, an ICS feed or a Google calendar, and names every problem with its path', () => {
    const good = file('calendars.json', JSON.stringify({
      rooms: [
        { id: 'harbour', name: 'Harbour', timeZone: 'UTC', calendar: { type: 'caldav', url: 'https://dav.example.com/rooms/harbour/', username: 'rooms', passwordFile: '/etc/lintel/harbour.password' } },
        { id: 'board', name: 'Board', timeZone: 'UTC', calendar: { type: 'ics', url: 'https://calendar.example.com/board.ics' } },
        { id: 'loft', name: 'Loft', timeZone: 'UTC', calendar: { type: 'google', calendarId: 'c_1888abc@resource.calendar.google.com' } },
      ],
    }));
    expect(loadRoomsFile(good)).toMatchObject({ ok: true, data: [{ calendar: { type: 'caldav' } }, { calendar: { type: 'ics', walkUps: 'refused' } }, { calendar: { type: 'google' } }] });
    const bad = file('bad-calendars.json', JSON.stringify({
      rooms: [
        { id: 'harbour', name: 'Harbour', timeZone: 'UTC', calendar: { type: 'caldav', url: 'ftp://dav.example.com/', username: 'rooms' } },
        { id: 'board', name: 'Board', timeZone: 'UTC', calendar: { type: 'ics', url: 'https://calendar.example.com/board.ics', walkups: 'local' } },
        { id: 'loft', name: 'Loft', timeZone: 'UTC', calendar: { type: 'exchange' } },
        { id: 'attic', name: 'Attic', timeZone: 'UTC', microsoft365: { mailbox: 'attic@contoso.com' }, calendar: { type: 'ics', url: 'https://calendar.example.com/attic.ics' } },
      ],
    }));
    const result = loadRoomsFile(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const problem of ['rooms.0.calendar.url: must be an http:// or https:// URL', 'rooms.0.calendar.passwordFile', 'rooms.1.calendar', 'walkups', 'rooms.2.calendar.type', 'rooms.3.calendar: a room has one calendar']) {
      expect(result.message).toContain(problem);
    }
  });
});

describe('the example rooms file in kiosk-config', () => {
  it('is valid', () => {
    const result = loadRoomsFile(new URL('../../kiosk-config/examples/local-only/rooms.json', import.meta.url).pathname);
    expect(result).toMatchObject({ ok: true, data: [{ id: 'harbour' }, { id: 'vorstand' }, { id: 'lobby' }] });
  });
});

describe("a room's access from the rooms file", () => {
  it('is what the file says; left out, what an admin chose before (kept in the store), else paired', () => {
    const path = file(
      'access.json',
      JSON.stringify({
        rooms: [
          { id: 'stated', name: 'Stated', timeZone: 'Europe/Amsterdam', access: 'paired' },
          { id: 'chosen', name: 'Chosen', timeZone: 'Europe/Amsterdam' },
          { id: 'new', name: 'New', timeZone: 'Europe/Amsterdam' },
        ],
      }),
    );
    const configured = loadRoomsFile(path);
    if (!configured.ok) throw new Error(configured.message);
    // The admin page made `stated` and `chosen` open before this start.
    const stored = (roomId: string) => (roomId === 'new' ? undefined : Room.parse({ id: roomId, name: roomId, timeZone: 'Europe/Amsterdam', access: 'open' }));
    expect(roomsToSave(configured.data, stored).map(({ id, access }) => [id, access])).toEqual([
      ['stated', 'paired'],
      ['chosen', 'open'],
      ['new', 'paired'],
    ]);
  });
});

