import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';

export interface E2eSession {
  /** The suite's Chromium, launched once. */
  browser(): Browser;
  /** Runs `cleanup` after the current test, last registered first. */
  defer(cleanup: () => Promise<void> | void): void;
}

/** Registers a suite's Chromium and per-test cleanup, so every server, page and browser a test starts is ended. */
export function useChromium(): E2eSession {
  let browser: Browser | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('Chromium is not running yet: use it inside a test');
      return browser;
    },
    defer: (cleanup) => cleanups.push(cleanup),
  };
}
