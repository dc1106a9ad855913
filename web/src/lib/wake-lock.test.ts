import { describe, expect, it } from 'vitest';
import { keepScreenAwake } from './wake-lock.ts';

function fakeDocument() {
  const listeners = new Set<() => void>();
  return {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    fire: () => listeners.forEach((listener) => listener()),
    listeners,
  };
}

describe('screen wake lock', () => {
  it('is taken at start and again whenever the page becomes visible', async () => {
    const requests: string[] = [];
    const released: number[] = [];
    const navigatorLike = { wakeLock: { request: async (type: string) => (requests.push(type), { release: async () => void released.push(1) }) } };
    const doc = fakeDocument();
    const stop = keepScreenAwake(navigatorLike as never, doc as never);
    await Promise.resolve();
    expect(requests).toEqual(['screen']);
    doc.visibilityState = 'hidden';
    doc.fire();
    expect(requests).toHaveLength(1);
    doc.visibilityState = 'visible';
    doc.fire();
    await Promise.resolve();
    expect(requests).toHaveLength(2);
    stop();
    expect(doc.listeners.size).toBe(0);
    expect(released).toHaveLength(1);
  });

  it('does nothing where wake locks are not supported or are refused', async () => {
    expect(() => keepScreenAwake({} as never, fakeDocument() as never)()).not.toThrow();
    let attempts = 0;
    const refusing = { wakeLock: { request: () => (attempts++, Promise.reject(new Error('NotAllowedError'))) } };
    const doc = fakeDocument();
    const stop = keepScreenAwake(refusing as never, doc as never);
    await Promise.resolve();
    doc.fire();
    await Promise.resolve();
    expect(attempts).toBe(2);
    expect(() => stop()).not.toThrow();
  });
});
