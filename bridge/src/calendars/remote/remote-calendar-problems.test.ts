import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Room } from '../../../../shared/model.ts';
import { remoteCalendarProblems } from './remote-calendar-problems.ts';

const dir = mkdtempSync(join(tmpdir(), 'lintel-calendars-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caldav = (id: string, passwordFile: string) =>
  Room.parse({ id, name: id, timeZone: 'UTC', calendar: { type: 'caldav', url: 'https://dav.example.com/rooms/x/', username: 'rooms', passwordFile } });
const google = Room.parse({ id: 'loft', name: 'Loft', timeZone: 'UTC', calendar: { type: 'google', calendarId: 'c_1@resource.calendar.google.com' } });

describe("what keeps rooms' calendars from being read, found before the bridge starts", () => {
  it('names each room whose password file cannot be read; a Google room is not one, its Workspace may be connected on the admin page', () => {
    const good = join(dir, 'good.password');
    writeFileSync(good, 'secret\n');
    const empty = join(dir, 'empty.password');
    writeFileSync(empty, '\n');
    expect(remoteCalendarProblems([caldav('harbour', good), Room.parse({ id: 'local', name: 'Local', timeZone: 'UTC' })])).toEqual([]);
    expect(remoteCalendarProblems([caldav('harbour', join(dir, 'missing.password')), caldav('board', empty), google])).toEqual([
      `room "harbour": calendar.passwordFile: the CalDAV password file ${join(dir, 'missing.password')} does not exist`,
      `room "board": calendar.passwordFile: the CalDAV password file ${empty} is empty: write the account's password in it`,
    ]);
  });
});
