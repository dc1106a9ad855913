import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { PresenceLog } from '../hardware/presence-log.ts';
import { PresenceHistory } from './presence-history.ts';
import { PRESENCE_CONFIRM_MS, PresenceRecorder } from './presence-recorder.ts';

const START = Date.parse('2026-11-23T09:00:00+01:00');
const EVER = { start: 0, end: Number.MAX_SAFE_INTEGER };

function recording() {
  const clock = new FakeClock(START);
  const presence = new PresenceLog();
  const history = new PresenceHistory(openTestDatabase());
  const recorder = new PresenceRecorder({ presence, history, clock, logger: pino({ level: 'silent' }) });
  recorder.start();
  const after = (minutes: number) => clock.advance(minutes * MINUTE_MS);
  const rows = () => history.overlapping(['harbour', 'loft'], EVER).sort((a, b) => a.from - b.from || a.source.localeCompare(b.source));
  return { clock, presence, recorder, after, rows };
}

const minute = (n: number) => START + n * MINUTE_MS;

describe('the history of presence', () => {
  it("keeps each time a sensor saw people, from when it did to when it saw nobody, with the most people it counted", () => {
    const { presence, after, rows } = recording();
    presence.report('harbour', 'base-unit', true, minute(0), 2);
    after(3);
    presence.report('harbour', 'base-unit', true, minute(3), 5);
    after(1);
    presence.report('harbour', 'base-unit', true, minute(4), 3);
    after(2);
    presence.report('harbour', 'base-unit', false, minute(6), 0);
    after(1);
    presence.report('harbour', 'base-unit', false, minute(7), 0);
    presence.report('harbour', 'mqtt', true, minute(7));
    after(4);
    presence.report('harbour', 'mqtt', false, minute(11));
    expect(rows()).toEqual([
      { roomId: 'harbour', source: 'base-unit', from: minute(0), to: minute(6), maxPeople: 5 },
      { roomId: 'harbour', source: 'mqtt', from: minute(7), to: minute(11), maxPeople: null },
    ]);
  });

  it('writes an interval still open up to now every few minutes and when the bridge stops, and no reading of another process', () => {
    const { presence, recorder, clock, rows } = recording();
    presence.report('loft', 'clickshare', true, START);
    presence.reportElsewhere('harbour', 'base-unit', true);
    clock.advance(PRESENCE_CONFIRM_MS + MINUTE_MS);
    expect(rows()).toEqual([{ roomId: 'loft', source: 'clickshare', from: START, to: START + PRESENCE_CONFIRM_MS, maxPeople: null }]);
    clock.advance(MINUTE_MS);
    recorder.stop();
    expect(rows()).toEqual([{ roomId: 'loft', source: 'clickshare', from: START, to: START + PRESENCE_CONFIRM_MS + 2 * MINUTE_MS, maxPeople: null }]);
    presence.report('loft', 'clickshare', false, clock.now());
    expect(clock.pendingTimers()).toBe(0);
  });
});
