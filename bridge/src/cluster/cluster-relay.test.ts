import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { PresenceLog } from '../hardware/presence-log.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { Microsoft365Integration } from '../calendars/microsoft-365/microsoft-365.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import type { AlertSender } from '../problems/alert-sender.ts';
import type { ProblemService } from '../problems/problem-service.ts';
import type { RealtimeServer } from '../realtime/socket-server.ts';
import type { ChangeOrigin, RoomService } from '../rooms/room-service.ts';
import { relayBetweenProcesses } from './cluster-relay.ts';

/** Two processes' socket.io servers wired as the Redis adapter wires them: a server-side emit reaches the other, never the sender. */
class FakeServer extends EventEmitter {
  other: FakeServer | undefined;
  serverSideEmit(event: string, ...args: unknown[]): boolean {
    return this.other?.emit(event, ...args) ?? false;
  }
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]> {
    return new Promise((resolve) => this.other?.emit(event, ...args, (answer: unknown) => resolve([answer])));
  }
}

function pairOfServers(): [FakeServer, FakeServer] {
  const [a, b] = [new FakeServer(), new FakeServer()];
  a.other = b;
  b.other = a;
  return [a, b];
}

/** The part of RoomService the relay uses, recording where each change was heard. */
function roomsHearing() {
  const listeners = new Set<(roomId: string, origin: ChangeOrigin) => void>();
  const heard: [string, ChangeOrigin][] = [];
  const notify = (roomId: string, origin: ChangeOrigin) => {
    for (const listener of listeners) listener(roomId, origin);
  };
  listeners.add((roomId, origin) => heard.push([roomId, origin]));
  const rooms = {
    onRoomChanged: (listener: (roomId: string, origin: ChangeOrigin) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    changedElsewhere: (roomId: string) => notify(roomId, 'elsewhere'),
  };
  return { rooms: rooms as unknown as RoomService, heard, notify };
}

/** One process's relay, its integration a recording fake whose warnings and check the test sets. */
function process_(io: EventEmitter, processId: string, clock = new FakeClock('2026-11-23T09:00:00Z')) {
  const { rooms, heard, notify } = roomsHearing();
  const presence = new PresenceLog();
  const warnings: IntegrationWarning[] = [];
  const warningListeners: (() => void)[] = [];
  let checkElsewhere = () => Promise.resolve();
  let endCheckHere = () => {};
  const microsoft365 = {
    followRoomChange: vi.fn(),
    followStoredChange: vi.fn(async () => {}),
    onStoredChange: vi.fn(),
    warningsHere: () => [...warnings],
    onWarningsChanged: (listener: () => void) => warningListeners.push(listener),
    followWarningsElsewhere: vi.fn(),
    checkHere: vi.fn(() => new Promise<void>((resolve) => (endCheckHere = resolve))),
    checkElsewhereWith: (check: () => Promise<void>) => (checkElsewhere = check),
  };
  const calendarWarnings: IntegrationWarning[] = [];
  const calendarListeners: (() => void)[] = [];
  const remoteCalendars = {
    followRoomChange: vi.fn(),
    warningsHere: () => [...calendarWarnings],
    onWarningsChanged: (listener: () => void) => calendarListeners.push(listener),
    followWarningsElsewhere: vi.fn(),
  };
  const reportedListeners: ((problem: Problem) => void)[] = [];
  const problems = { onReported: (listener: (problem: Problem) => void) => reportedListeners.push(listener) };
  const alerts = { wake: vi.fn(async () => {}) };
  const stop = relayBetweenProcesses(io as unknown as RealtimeServer, {
    rooms,
    presence,
    microsoft365: microsoft365 as unknown as Microsoft365Integration,
    remoteCalendars: remoteCalendars as unknown as RemoteCalendarEngine,
    problems: problems as unknown as ProblemService,
    alerts: alerts as unknown as AlertSender,
    clock,
    processId,
  });
  const report = (problem: Problem) => {
    for (const listener of reportedListeners) listener(problem);
  };
  const raise = (warning: IntegrationWarning) => {
    warnings.push(warning);
    for (const listener of warningListeners) listener();
  };
  const raiseCalendar = (warning: IntegrationWarning) => {
    calendarWarnings.push(warning);
    for (const listener of calendarListeners) listener();
  };
  return { heard, notify, presence, microsoft365, remoteCalendars, alerts, report, stop, raise, raiseCalendar, checkElsewhere: () => checkElsewhere(), endCheckHere: () => endCheckHere() };
}

describe('relay between bridge processes', () => {
  it('a change made here is heard once in the other process, whose integration follows it (outbox, a room just linked)', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');

    a.notify('harbour', 'here');
    expect(b.heard).toEqual([['harbour', 'elsewhere']]);
    expect(b.microsoft365.followRoomChange.mock.calls).toEqual([['harbour']]);
    expect(b.remoteCalendars.followRoomChange.mock.calls).toEqual([['harbour']]);
    // Heard elsewhere is not relayed back: no echo between processes.
    expect(a.heard).toEqual([['harbour', 'here']]);
    expect(a.microsoft365.followRoomChange).not.toHaveBeenCalled();
  });

  it('a new day, which every process sees at once, is not relayed', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    a.notify('harbour', 'everywhere');
    expect(b.heard).toEqual([]);
  });

  it('people seen by a base unit in one process keep the room’s meeting from release in the other', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    a.presence.seen('harbour', Date.parse('2026-11-23T09:02:00Z'));
    expect(b.presence.seenSince('harbour', Date.parse('2026-11-23T09:00:00Z'))).toBe(true);
    expect(b.presence.seenSince('harbour', Date.parse('2026-11-23T09:05:00Z'))).toBe(false);
  });

  it('a room’s occupancy read by a sensor in one process is the room’s occupancy in the other, and not echoed back', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    const echoed: unknown[] = [];
    a.presence.onReading((...reading) => echoed.push(reading));
    b.presence.onReading((...reading) => echoed.push(reading));
    expect(b.presence.occupied('harbour')).toBeNull();
    a.presence.report('harbour', 'base-unit', true, Date.parse('2026-11-23T09:02:00Z'));
    expect(b.presence.occupied('harbour')).toBe(true);
    b.presence.report('harbour', 'mqtt', false, Date.parse('2026-11-23T09:03:00Z'));
    expect(a.presence.occupied('harbour'), 'the base unit still sees people').toBe(true);
    a.presence.report('harbour', 'base-unit', false, Date.parse('2026-11-23T09:04:00Z'));
    expect(b.presence.occupied('harbour')).toBe(false);
    expect(a.presence.occupied('harbour')).toBe(false);
    expect(echoed).toHaveLength(3);
  });

  it('a problem stored in one process wakes the alert sender of the other, where the room’s lease may be', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    a.report({ id: crypto.randomUUID(), roomId: 'harbour', kind: 'sound', note: null, reportedAt: '2026-11-23T09:00:00.000Z', resolvedAt: null, resolvedBy: null });
    expect(b.alerts.wake).toHaveBeenCalledTimes(1);
    expect(a.alerts.wake).not.toHaveBeenCalled();
  });

  it('a credential renewed or revoked in one process is followed by the others', () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    const tell = a.microsoft365.onStoredChange.mock.calls[0]?.[0] as (change: string) => void;
    tell('credential-saved');
    tell('revoked');
    expect(b.microsoft365.followStoredChange.mock.calls).toEqual([['credential-saved'], ['revoked']]);
    expect(a.microsoft365.followStoredChange).not.toHaveBeenCalled();
  });

  it('a process’s warnings reach the others when they change, again every 10 s, and are withdrawn as it stops', () => {
    const [ioA, ioB] = pairOfServers();
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const b = process_(ioB, 'b', clock);
    const a = process_(ioA, 'a', clock);
    const told = b.microsoft365.followWarningsElsewhere;
    // Told at once as it starts: a process joining hears the others' warnings within a repeat, and they hear its.
    expect(told.mock.calls).toEqual([['a', []]]);

    const unreachable: IntegrationWarning = { code: 'room-calendar-unreachable', roomId: 'harbour', message: 'harbour@contoso.example: ErrorAccessDenied', since: '2026-11-23T09:00:00.000Z' };
    a.raise(unreachable);
    expect(told.mock.calls.at(-1)).toEqual(['a', [unreachable]]);
    const heardBefore = told.mock.calls.length;
    clock.advance(10_000);
    expect(told.mock.calls.slice(heardBefore)).toEqual([['a', [unreachable]]]);

    a.stop();
    expect(told.mock.calls.at(-1)).toEqual(['a', []]);
    clock.advance(30_000);
    expect(told.mock.calls.at(-1)).toEqual(['a', []]);
  });

  it('the warnings of rooms on Google, CalDAV or ICS calendars reach the others too, apart from Microsoft 365\'s, and go as the process stops', () => {
    const [ioA, ioB] = pairOfServers();
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const b = process_(ioB, 'b', clock);
    const a = process_(ioA, 'a', clock);
    const wrongPassword: IntegrationWarning = { code: 'calendar-login-failed', roomId: 'loft', message: 'the CalDAV server at https://dav.example.com/rooms/loft/ did not accept the user name or password (HTTP 401)', since: '2026-11-23T09:00:00.000Z' };
    a.raiseCalendar(wrongPassword);
    expect(b.remoteCalendars.followWarningsElsewhere.mock.calls.at(-1)).toEqual(['a', [wrongPassword]]);
    expect(b.microsoft365.followWarningsElsewhere.mock.calls.at(-1)).toEqual(['a', []]);
    a.stop();
    expect(b.remoteCalendars.followWarningsElsewhere.mock.calls.at(-1)).toEqual(['a', []]);
  });

  it('“Check status” in one process waits for the other to check its own rooms', async () => {
    const [ioA, ioB] = pairOfServers();
    const a = process_(ioA, 'a');
    const b = process_(ioB, 'b');
    let checked = false;
    const checking = a.checkElsewhere().then(() => (checked = true));
    expect(b.microsoft365.checkHere).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(checked).toBe(false);
    b.endCheckHere();
    await checking;
    expect(a.microsoft365.checkHere).not.toHaveBeenCalled();
  });
});
