import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Room } from '../../../shared/model.ts';
import { ProblemReport } from '../../../shared/problems.ts';
import { parseInput } from '../../../shared/validation.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { ANYONE, type Standing } from '../access/standing.ts';
import { AuditLog } from '../admin/audit-log.ts';
import { RoomStore } from '../store/room-store.ts';
import { PROBLEM_RATE, ProblemService } from './problem-service.ts';
import { ProblemStore } from './problem-store.ts';

const ADMIN = { name: 'megan@contoso.example' };
const HARBOUR_DISPLAY: Standing = { kind: 'display', displayId: 'display-harbour-0001', roomId: 'harbour' };

function problemsAt(now = '2026-11-23T10:00:00Z') {
  const clock = new FakeClock(now);
  const rooms = new RoomStore(openTestDatabase());
  for (const room of [
    { id: 'harbour', name: 'Harbour', access: 'paired' },
    { id: 'lobby', name: 'Lobby', access: 'open' },
    { id: 'atrium', name: 'Atrium', access: 'open', settings: { readOnly: true } },
  ]) {
    rooms.saveRoom(Room.parse({ timeZone: 'Europe/Amsterdam', ...room }), clock.now());
  }
  const audit = new AuditLog(rooms.database);
  const store = new ProblemStore(rooms.database);
  const service = new ProblemService({
    store,
    rooms: { accessOf: (roomId) => rooms.getRoom(roomId)?.access },
    roomName: (roomId) => rooms.getRoom(roomId)?.name,
    audit,
    clock,
    logger: pino({ level: 'silent' }),
    alerting: true,
  });
  const heard: string[] = [];
  service.onReported((problem) => heard.push(problem.id));
  /** A report as the HTTP API and the socket take it: checked by the shared schema first. */
  const report = (roomId: string, body: unknown, standing: Standing = ANYONE, address = '10.0.0.7') => {
    const parsed = parseInput(ProblemReport, body);
    return parsed.ok ? service.reportFrom(roomId, parsed.data, standing, address) : parsed;
  };
  return { clock, service, store, audit, heard, report };
}

describe('reporting a problem', () => {
  it('keeps it with its room and the time it came, open, its note trimmed', () => {
    const { service, report, heard } = problemsAt();
    const id = crypto.randomUUID();
    expect(report('lobby', { id, kind: 'sound', note: '  The speaker crackles  ' })).toEqual({
      ok: true,
      data: { id, roomId: 'lobby', kind: 'sound', note: 'The speaker crackles', reportedAt: '2026-11-23T10:00:00.000Z', resolvedAt: null, resolvedBy: null },
    });
    expect(service.list().map((problem) => problem.id)).toEqual([id]);
    expect(heard).toEqual([id]);
  });

  it('keeps a blank note as none', () => {
    const { report } = problemsAt();
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'climate', note: '   ' })).toMatchObject({ ok: true, data: { note: null } });
  });

  it('keeps the same report sent again once, answering with the problem stored first', () => {
    const { clock, service, report, heard } = problemsAt();
    const body = { id: crypto.randomUUID(), kind: 'screen', note: 'Dark' };
    const first = report('lobby', body);
    clock.advance(60_000);
    expect(report('lobby', body)).toEqual(first);
    expect(service.list()).toHaveLength(1);
    expect(heard).toHaveLength(1);
  });

  it('refuses another report under a used id, and keeps the first', () => {
    const { service, report } = problemsAt();
    const id = crypto.randomUUID();
    report('lobby', { id, kind: 'screen' });
    expect(report('lobby', { id, kind: 'sound' })).toMatchObject({ ok: false, code: 'action-id-reused' });
    expect(report('lobby', { id, kind: 'screen', note: 'Dark' })).toMatchObject({ ok: false, code: 'action-id-reused' });
    expect(report('atrium', { id, kind: 'screen' })).toMatchObject({ ok: false, code: 'action-id-reused' });
    expect(service.list()).toMatchObject([{ id, roomId: 'lobby', kind: 'screen', note: null }]);
  });

  it('refuses an unknown kind, a note over 500 characters and an id that is no UUID, keeping nothing', () => {
    const { service, report } = problemsAt();
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'wifi' })).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining('kind') });
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'other', note: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: 'note: must be at most 500 characters',
    });
    expect(report('lobby', { id: 'report-1', kind: 'other' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(service.list()).toEqual([]);
    // 500 characters once trimmed is within the limit.
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'other', note: ` ${'x'.repeat(500)} ` })).toMatchObject({ ok: true });
  });

  it('takes reports where walk-up actions are allowed, and in read-only rooms too', () => {
    const { report } = problemsAt();
    expect(report('harbour', { id: crypto.randomUUID(), kind: 'video' })).toMatchObject({ ok: false, code: 'room-not-open' });
    expect(report('harbour', { id: crypto.randomUUID(), kind: 'video' }, { kind: 'display', displayId: 'display-loft-00001', roomId: 'loft' })).toMatchObject({
      ok: false,
      code: 'room-not-open',
    });
    expect(report('harbour', { id: crypto.randomUUID(), kind: 'video' }, HARBOUR_DISPLAY)).toMatchObject({ ok: true, data: { roomId: 'harbour' } });
    expect(report('harbour', { id: crypto.randomUUID(), kind: 'video' }, { kind: 'admin' })).toMatchObject({ ok: true });
    expect(report('atrium', { id: crypto.randomUUID(), kind: 'cleanliness' })).toMatchObject({ ok: true, data: { roomId: 'atrium' } });
    expect(report('nowhere', { id: crypto.randomUUID(), kind: 'sound' })).toMatchObject({ ok: false, code: 'room-not-found' });
  });

  it('takes 10 reports from one device at once, then one a minute; another device is not held up', () => {
    const { clock, report } = problemsAt();
    for (let n = 0; n < PROBLEM_RATE.capacity; n++) expect(report('lobby', { id: crypto.randomUUID(), kind: 'other' })).toMatchObject({ ok: true });
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'other' })).toMatchObject({ ok: false, code: 'rate-limited', retryAfterMs: 60_000 });
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'other' }, ANYONE, '10.0.0.8')).toMatchObject({ ok: true });
    clock.advance(60_000);
    expect(report('lobby', { id: crypto.randomUUID(), kind: 'other' })).toMatchObject({ ok: true });
  });
});

describe('the problems admins see', () => {
  it('lists open problems first, newest first, then resolved ones', () => {
    const { clock, service, report } = problemsAt();
    const ids: string[] = [];
    for (const kind of ['screen', 'sound', 'climate']) {
      const id = crypto.randomUUID();
      ids.push(id);
      report('lobby', { id, kind });
      clock.advance(60_000);
    }
    service.resolve(ids[2]!, ADMIN);
    expect(service.list().map((problem) => [problem.kind, problem.resolvedAt === null ? 'open' : 'resolved'])).toEqual([
      ['sound', 'open'],
      ['screen', 'open'],
      ['climate', 'resolved'],
    ]);
  });

  it('resolves a problem once, by whom and when, in the audit log; resolving it again changes nothing', () => {
    const { clock, service, audit, report } = problemsAt();
    const id = crypto.randomUUID();
    report('lobby', { id, kind: 'cleanliness' });
    clock.advance(30 * 60_000);
    const resolved = { resolvedAt: '2026-11-23T10:30:00.000Z', resolvedBy: ADMIN.name };
    expect(service.resolve(id, ADMIN)).toMatchObject({ ok: true, data: { id, ...resolved } });
    clock.advance(60_000);
    expect(service.resolve(id, { name: 'local admin token' })).toMatchObject({ ok: true, data: resolved });
    expect(service.list()).toMatchObject([resolved]);
    expect(audit.recent()).toEqual([
      {
        at: '2026-11-23T10:30:00.000Z',
        actor: ADMIN.name,
        event: { action: 'resolve-problem', room: 'Lobby', kind: 'cleanliness', reportedAt: '2026-11-23T10:00:00.000Z' },
      },
    ]);
  });

  it('says there is no such problem to resolve', () => {
    const { service, audit } = problemsAt();
    expect(service.resolve(crypto.randomUUID(), ADMIN)).toMatchObject({ ok: false, code: 'not-found' });
    expect(audit.recent()).toEqual([]);
  });
});
