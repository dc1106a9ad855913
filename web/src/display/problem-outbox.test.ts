import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { ProblemReportRequest } from '../../../shared/socket-events.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { DisplayDb } from '../offline/display-db.ts';
import type { DisplaySocket } from './display-state.svelte.ts';
import { ProblemOutbox } from './problem-outbox.ts';

/** The bridge's side of `room:report-problem`: answers as scripted (null: no answer in time), every request recorded. */
class ScriptedBridge {
  readonly received: ProblemReportRequest[] = [];
  answer: (request: ProblemReportRequest) => Result<Problem> | null = (request) => ({ ok: true, data: problemOf(request) });

  timeout() {
    return {
      emit: (_event: string, request: ProblemReportRequest, ack: (error: Error | null, answer?: Result<Problem>) => void) => {
        this.received.push(request);
        const answer = this.answer(request);
        if (answer === null) ack(new Error('operation has timed out'));
        else ack(null, answer);
      },
    };
  }
}

function problemOf({ roomId, report }: ProblemReportRequest): Problem {
  return { id: report.id, roomId, kind: report.kind, note: report.note ?? null, reportedAt: '2026-11-23T10:00:00.000Z', resolvedAt: null, resolvedBy: null };
}

function setUp() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const bridge = new ScriptedBridge();
  let live = true;
  const outbox = () => new ProblemOutbox(clock, () => (live ? (bridge as unknown as DisplaySocket) : null));
  return { clock, bridge, outbox, goOffline: () => (live = false), goOnline: () => (live = true) };
}

const request = (kind: ProblemReportRequest['report']['kind'], note?: string): ProblemReportRequest => ({
  roomId: 'demo',
  report: { id: crypto.randomUUID(), kind, ...(note === undefined ? {} : { note }) },
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('problem reports from a display', () => {
  it('are sent at once while the bridge is reachable, and nothing stays kept', async () => {
    const { bridge, outbox } = setUp();
    const db = await DisplayDb.open(`test-${crypto.randomUUID()}`);
    const problems = outbox();
    await problems.useDb(db);
    const sound = request('sound', 'Crackles');
    expect(await problems.report(sound)).toEqual({ kind: 'sent' });
    expect(bridge.received).toEqual([sound]);
    await flush();
    expect(await db.keptProblems()).toEqual([]);
  });

  it('wait while the display is offline, survive a restart, and are sent once it is back', async () => {
    const { bridge, outbox, goOffline, goOnline } = setUp();
    const name = `test-${crypto.randomUUID()}`;
    const before = outbox();
    await before.useDb(await DisplayDb.open(name));
    goOffline();
    const screen = request('screen');
    expect(await before.report(screen)).toEqual({ kind: 'queued' });
    expect(bridge.received).toEqual([]);

    // The display restarts, and finds its bridge again.
    const db = await DisplayDb.open(name);
    goOnline();
    const after = outbox();
    await after.useDb(db);
    await flush();
    expect(bridge.received).toEqual([screen]);
    await after.send();
    expect(bridge.received).toEqual([screen]);
    expect(await db.keptProblems()).toEqual([]);
  });

  it('are sent again when the bridge did not answer in time or asked to wait', async () => {
    const { clock, bridge, outbox } = setUp();
    const problems = outbox();
    bridge.answer = () => null;
    const climate = request('climate');
    expect(await problems.report(climate)).toEqual({ kind: 'queued' });
    bridge.answer = () => ({ ok: false, code: 'rate-limited', message: 'Too many problem reports', retryAfterMs: 30_000 });
    clock.advance(5_000);
    await flush();
    expect(bridge.received).toHaveLength(2);
    bridge.answer = (sent) => ({ ok: true, data: problemOf(sent) });
    clock.advance(29_999);
    await flush();
    expect(bridge.received).toHaveLength(2);
    clock.advance(1);
    await flush();
    expect(bridge.received).toEqual([climate, climate, climate]);
    clock.advance(60_000);
    await flush();
    expect(bridge.received).toHaveLength(3);
  });

  it('refused for good are said so and dropped, not sent again', async () => {
    const { clock, bridge, outbox } = setUp();
    const problems = outbox();
    bridge.answer = () => ({ ok: false, code: 'room-not-open', message: 'Room "demo" is shown in full only on its paired displays' });
    expect(await problems.report(request('video'))).toEqual({ kind: 'refused', code: 'room-not-open' });
    clock.advance(60_000);
    await problems.send();
    expect(bridge.received).toHaveLength(1);
  });
});
