import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../shared/clock.ts';
import { RequestCounter } from './request-counter.ts';

describe('requests per mailbox', () => {
  it('counts over a sliding 10 minutes', () => {
    let now = Date.parse('2026-11-23T08:00:00Z');
    const clock: Clock = { now: () => now, setTimer: () => () => {} };
    const counter = new RequestCounter(clock);
    counter.count('harbour@contoso.example');
    counter.count('harbour@contoso.example', 4);
    now += 5 * 60_000;
    counter.count('harbour@contoso.example');
    counter.count('lobby@contoso.example');
    expect(counter.lastTenMinutes()).toEqual({ 'harbour@contoso.example': 6, 'lobby@contoso.example': 1 });
    now += 6 * 60_000;
    expect(counter.lastTenMinutes()).toEqual({ 'harbour@contoso.example': 1, 'lobby@contoso.example': 1 });
    now += 10 * 60_000;
    expect(counter.lastTenMinutes()).toEqual({});
  });
});
