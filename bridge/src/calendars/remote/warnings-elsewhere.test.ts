import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { IntegrationWarning } from '../../../../shared/integration-warnings.ts';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { WarningBoard } from './warning-board.ts';
import { mergeWarnings, WarningsElsewhere } from './warnings-elsewhere.ts';

const throttledAt = (since: string): IntegrationWarning => ({ code: 'throttled', message: 'Graph answered 429', since });
const unreachable: IntegrationWarning = { code: 'room-calendar-unreachable', roomId: 'harbour', message: 'ErrorAccessDenied', since: '2026-11-23T09:05:00.000Z' };

describe('warnings seen by other bridge processes', () => {
  it('a process’s list replaces what it told before; an empty list withdraws it', () => {
    const elsewhere = new WarningsElsewhere(new FakeClock('2026-11-23T09:00:00Z'));
    elsewhere.heard('a', [unreachable, throttledAt('2026-11-23T09:01:00.000Z')]);
    elsewhere.heard('b', [throttledAt('2026-11-23T09:02:00.000Z')]);
    elsewhere.heard('a', [unreachable]);
    expect(elsewhere.list()).toEqual([unreachable, throttledAt('2026-11-23T09:02:00.000Z')]);
    elsewhere.heard('b', []);
    expect(elsewhere.list()).toEqual([unreachable]);
  });

  it('a process not heard for three repeats (30 s) is gone, and so are its warnings', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const elsewhere = new WarningsElsewhere(clock);
    elsewhere.heard('a', [unreachable]);
    clock.advance(30_000);
    expect(elsewhere.list()).toEqual([unreachable]);
    clock.advance(1);
    expect(elsewhere.list()).toEqual([]);
  });

  it('one warning per problem, since its earliest sighting, oldest first', () => {
    const merged = mergeWarnings([throttledAt('2026-11-23T09:04:00.000Z'), unreachable], [throttledAt('2026-11-23T09:01:00.000Z')]);
    expect(merged).toEqual([throttledAt('2026-11-23T09:01:00.000Z'), unreachable]);
  });
});

describe('the warning board tells its changes', () => {
  it('a new or reworded warning and a cleared one are changes; raising the same again is not', () => {
    const board = new WarningBoard(new FakeClock('2026-11-23T09:00:00Z'), pino({ level: 'silent' }), 'Microsoft 365');
    let changes = 0;
    board.onChange(() => changes++);
    board.raise('throttled', 'Graph answered 429');
    board.raise('throttled', 'Graph answered 429');
    expect(changes).toBe(1);
    board.raise('throttled', 'Graph answered 503');
    board.raise('room-calendar-unreachable', 'ErrorAccessDenied', 'harbour');
    expect(changes).toBe(3);
    board.clear('subjects-replaced', 'harbour');
    board.clearAll('credential-expired');
    expect(changes).toBe(3);
    board.clearRoom('harbour');
    board.clear('throttled');
    expect(changes).toBe(5);
    expect(board.list()).toEqual([]);
    board.clearEverything();
    expect(changes).toBe(5);
  });
});
