import { Workbox } from 'workbox-window';
import type { Clock } from '../../../shared/clock.ts';

const UPDATE_CHECK_MS = 5 * 60_000;
const IDLE_CHECK_MS = 5_000;

export interface AppUpdates {
  /** Looks for a new version now: a deploy restarts the bridge, so a reconnect is the moment to look. */
  checkNow(): void;
  stop(): void;
}

/**
 * Keeps a kiosk on the newest version without anyone pressing "update": the
 * service worker installs a new version in the background, and it takes
 * over (one reload) only when `isIdle` says nobody is using the room.
 */
export function registerAppUpdates(clock: Clock, isIdle: () => boolean, registerAfter: Promise<void>): AppUpdates {
  if (!('serviceWorker' in navigator)) return { checkNow: () => {}, stop: () => {} };
  const workbox = new Workbox('/sw.js');
  let waiting = false;
  let takeoverRequested = false;
  workbox.addEventListener('waiting', () => (waiting = true));
  // Reload only when the version this page asked to take over has taken control, and only once:
  // a first install claiming the page, or anything else, never reloads (so never a reload loop).
  workbox.addEventListener('controlling', () => {
    if (!takeoverRequested) return;
    takeoverRequested = false;
    window.location.reload();
  });
  // Installing precaches the whole app: never let that compete with the first status on screen.
  void registerAfter.then(() => workbox.register()).catch((error: unknown) => console.warn('Lintel could not register its service worker', error));

  const checkNow = () => {
    void registerAfter.then(() => workbox.update()).catch(() => {});
  };
  let cancelUpdateCheck = () => {};
  const checkForUpdate = () => {
    cancelUpdateCheck = clock.setTimer(() => {
      checkNow();
      checkForUpdate();
    }, UPDATE_CHECK_MS);
  };
  let cancelIdleCheck = () => {};
  const activateWhenIdle = () => {
    cancelIdleCheck = clock.setTimer(() => {
      if (waiting && isIdle()) {
        waiting = false;
        takeoverRequested = true;
        workbox.messageSkipWaiting();
      }
      activateWhenIdle();
    }, IDLE_CHECK_MS);
  };
  checkForUpdate();
  activateWhenIdle();
  return {
    checkNow,
    stop: () => {
      cancelUpdateCheck();
      cancelIdleCheck();
    },
  };
}
