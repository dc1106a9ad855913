import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { ChurnCollector, collectAfterChurn } from './churn-collector.ts';
import type { RealtimeServer } from './socket-server.ts';

const limits = { closed: 3, quietMs: 2_000, maxWaitMs: 10_000, collections: 3, betweenMs: 1_000 };

function collecting(clock = new FakeClock(0)) {
  let collections = 0;
  const collector = new ChurnCollector(clock, () => collections++, limits);
  const close = (times: number) => {
    for (let n = 0; n < times; n++) collector.closed();
  };
  return { clock, collector, close, collections: () => collections };
}

describe('churn collector', () => {
  it('collects once enough connections have closed and none has closed for a while, then twice more a second apart', () => {
    const { clock, close, collections } = collecting();
    close(3);
    clock.advance(1_999);
    expect(collections()).toBe(0);
    clock.advance(1);
    expect(collections()).toBe(1);
    clock.advance(1_000);
    expect(collections()).toBe(2);
    clock.advance(1_000);
    expect(collections()).toBe(3);
    clock.advance(60_000);
    expect(collections()).toBe(3);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('leaves a few closed connections to V8', () => {
    const { clock, close, collections } = collecting();
    close(2);
    clock.advance(60_000);
    expect(collections()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits while connections keep closing, but no longer than its longest wait after the first', () => {
    const { clock, close, collections } = collecting();
    for (let second = 0; second < 10; second++) {
      close(1);
      clock.advance(1_000);
    }
    expect(collections()).toBe(1);
  });

  it('counts anew after a collection, and forgets a few connections that closed a while ago', () => {
    const { clock, close, collections } = collecting();
    close(3);
    clock.advance(60_000);
    expect(collections()).toBe(3);
    close(2);
    clock.advance(2_000);
    close(1);
    clock.advance(60_000);
    expect(collections()).toBe(3);
    close(3);
    clock.advance(2_000);
    expect(collections()).toBe(4);
  });

  it('starts its collections over when another churn comes during them', () => {
    const { clock, close, collections } = collecting();
    close(3);
    clock.advance(2_500);
    expect(collections()).toBe(1);
    close(3);
    clock.advance(1_999);
    expect(collections()).toBe(1);
    clock.advance(60_000);
    expect(collections()).toBe(4);
  });

  it('collects nothing once stopped', () => {
    const { clock, collector, close, collections } = collecting();
    close(3);
    clock.advance(2_000);
    collector.stop();
    clock.advance(60_000);
    expect(collections()).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does nothing without a way to collect (Node run without --expose-gc)', () => {
    const clock = new FakeClock(0);
    const collector = new ChurnCollector(clock, undefined, limits);
    for (let n = 0; n < 1_000; n++) collector.closed();
    expect(clock.pendingTimers()).toBe(0);
  });

  it("counts the server's connections as they disconnect", () => {
    const clock = new FakeClock(0);
    const io = new EventEmitter();
    let collections = 0;
    collectAfterChurn(io as unknown as RealtimeServer, clock, () => collections++, { ...limits, collections: 1 });
    const sockets = Array.from({ length: 3 }, () => new EventEmitter());
    for (const socket of sockets) io.emit('connection', socket);
    for (const socket of sockets.slice(0, 2)) socket.emit('disconnect', 'client namespace disconnect');
    clock.advance(1_000);
    expect(collections).toBe(0);
    sockets[2]!.emit('disconnect', 'transport close');
    clock.advance(2_000);
    expect(collections).toBe(1);
  });
});
