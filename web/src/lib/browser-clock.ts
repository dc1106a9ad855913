import type { Clock } from '../../../shared/clock.ts';

/** The browser's clock; App.svelte hands it to everything that needs the time. */
export const browserClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = window.setTimeout(callback, Math.max(0, delayMs));
    return () => window.clearTimeout(timer);
  },
};
