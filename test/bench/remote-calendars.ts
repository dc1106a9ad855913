import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoomState } from '../../shared/model.ts';
import { startGoogleEmulator } from '../google-emulator/google-emulator.ts';
import { EmulatedWorkspace } from '../google-emulator/workspace.ts';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { startHttpGate } from '../support/http-gate.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { basic, startRadicale } from '../support/radicale-server.ts';
import { watchingClient } from '../support/socket-client.ts';
import { percentile, type BenchRow } from './table.ts';

const SYNC_PERIOD_S = 15;
const PASSWORD = 'bench-room-secret';
const iso = (ms: number) => new Date(ms).toISOString();
const icsTime = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** One room's calendar on its server, as the benchmark drives it: where the bridge finds it, and "someone books it elsewhere". */
interface CalendarUnderTest {
  calendar: Record<string, unknown>;
  env: Record<string, string>;
  /** Replaces the room's one meeting by `subject`, from `start` for 15 min. */
  book(subject: string, start: number): Promise<void>;
  /** Requests the bridge has sent to the server so far. */
  requests(): number;
  close(): Promise<void>;
}

async function caldav(dataDir: string): Promise<CalendarUnderTest> {
  const radicale = await startRadicale({ users: { room: PASSWORD } });
  const collection = await radicale.createCalendar('room', 'harbour');
  const gate = await startHttpGate(radicale.url);
  const passwordFile = join(dataDir, 'harbour.password');
  writeFileSync(passwordFile, PASSWORD);
  return {
    calendar: { type: 'caldav', url: `${gate.url}${new URL(collection).pathname}`, username: 'room', passwordFile },
    env: {},
    async book(subject, start) {
      const body = ics(vevent('UID:bench', `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(start + 15 * 60_000)}`, `SUMMARY:${subject}`));
      await fetch(`${collection}bench.ics`, { method: 'PUT', headers: { authorization: basic('room', PASSWORD), 'content-type': 'text/calendar' }, body });
    },
    requests: () => gate.sent.length,
    close: async () => {
      await gate.close();
      await radicale.stop();
    },
  };
}

async function icsFeed(): Promise<CalendarUnderTest> {
  let body = ics();
  let version = 0;
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    const etag = `"v${version}"`;
    if (request.headers['if-none-match'] === etag) response.writeHead(304, { etag }).end();
    else response.writeHead(200, { 'content-type': 'text/calendar', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    calendar: { type: 'ics', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/harbour.ics` },
    env: {},
    book(subject, start) {
      body = ics(vevent('UID:bench', `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(start + 15 * 60_000)}`, `SUMMARY:${subject}`));
      version++;
      return Promise.resolve();
    },
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function google(dataDir: string): Promise<CalendarUnderTest> {
  const workspace = new EmulatedWorkspace({ domain: 'example.com', timeZone: 'UTC' });
  const emulator = await startGoogleEmulator(workspace);
  const resource = workspace.addResource({ resourceName: 'Harbour' });
  const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
  workspace.share(resource.resourceEmail, keyFile.client_email, 'writer');
  writeFileSync(join(dataDir, 'google-key.json'), JSON.stringify(keyFile));
  writeFileSync(join(dataDir, 'google-ca.pem'), emulator.ca);
  let previous: string | undefined;
  return {
    calendar: { type: 'google', calendarId: resource.resourceEmail },
    env: { LINTEL_GOOGLE_CREDENTIALS_FILE: join(dataDir, 'google-key.json'), LINTEL_GOOGLE_API_URL: emulator.url, LINTEL_GOOGLE_TOKEN_URL: emulator.tokenUrl, LINTEL_GOOGLE_CA_FILE: join(dataDir, 'google-ca.pem') },
    book(subject, start) {
      if (previous) workspace.removeEvent(resource.resourceEmail, previous);
      previous = String(workspace.addEvent(resource.resourceEmail, { summary: subject, start: { dateTime: iso(start) }, end: { dateTime: iso(start + 15 * 60_000) } }).id);
      return Promise.resolve();
    },
    requests: () => workspace.requests().length,
    close: () => emulator.close(),
  };
}

const PROVIDERS = { caldav, ics: icsFeed, google } as const;
const NAMES = { caldav: 'CalDAV (Radicale)', ics: 'ICS feed', google: 'Google Workspace (emulator)' } as const;

/**
 * A room on a remote calendar to the display, on the real clock: the built
 * bridge with the default 15 s period, each sample a meeting booked
 * "elsewhere" at a random moment, timed until a display's socket receives a
 * state that shows it; the requests the bridge sent the server, over the run.
 */
export async function remoteCalendarBench(kind: keyof typeof PROVIDERS, samples: number, rssMb: (pid: number) => number): Promise<BenchRow[]> {
  const data = tempDataDir();
  const server = await PROVIDERS[kind](data.dir);
  const roomsFile = join(data.dir, 'rooms.json');
  writeFileSync(roomsFile, JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: 'UTC', calendar: server.calendar }] }));
  const bridge = await startBridgeProcess({ dataDir: data.dir, build: true, env: { LINTEL_CONFIG: roomsFile, ...server.env } });
  const { socket } = await watchingClient(bridge.url, { roomId: 'harbour' });
  const latencies: number[] = [];
  const startedAt = Date.now();
  const requestsAtStart = server.requests();
  try {
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * SYNC_PERIOD_S * 1000));
      const subject = `Bench meeting ${i}`;
      const shown = new Promise<number>((resolve) => {
        const onState = (state: RoomState) => {
          if (!state.events.some((meeting) => meeting.subject === subject)) return;
          socket.off('room:state', onState);
          resolve(Date.now());
        };
        socket.on('room:state', onState);
      });
      // Under way now: on the display's day whatever the time the benchmark runs at.
      const changedAt = Date.now();
      await server.book(subject, Math.floor(changedAt / 60_000) * 60_000);
      latencies.push((await shown) - changedAt);
    }
    const minutes = (Date.now() - startedAt) / 60_000;
    const perTenMinutes = ((server.requests() - requestsAtStart) / minutes) * 10;
    const rss = rssMb(bridge.pid);
    return [
      {
        what: `change in ${NAMES[kind]} → display, 15 s period (p50 / max of ${samples})`,
        value: `${(percentile(latencies, 50) / 1000).toFixed(1)} / ${(Math.max(...latencies) / 1000).toFixed(1)} s`,
        budget: '<= 16 s (one period + 1 s)',
        ok: Math.max(...latencies) <= (SYNC_PERIOD_S + 1) * 1000,
      },
      { what: `requests to ${NAMES[kind]} per room per 10 min (over ${minutes.toFixed(1)} min)`, value: perTenMinutes.toFixed(0), budget: '<= 100', ok: perTenMinutes <= 100 },
      { what: `bridge RSS with a ${NAMES[kind]} room (one room)`, value: `${rss.toFixed(1)} MB`, budget: '<= 100 MB (one room)', ok: rss <= 100 },
    ];
  } finally {
    socket.disconnect();
    await bridge.stop();
    await server.close();
    data.remove();
  }
}
