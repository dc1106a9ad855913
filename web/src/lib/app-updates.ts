import { Workbox } from 'workbox-window';
import type { Clock } from '../../../shared/clock.ts';

const UPDATE_CHECK_MS = 5 * 60_000;
const IDLE_CHECK_MS = 5_000;

/**
 * Keeps a kiosk on the newest version without anyone pressing "update": the
 * service worker installs a new version in the background, and it takes
 * over (one reload) only when `isIdle` says nobody is using the room.
 */
export function registerAppUpdates(clock: Clock, isIdle: () => boolean): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const workbox = new Workbox('/sw.js');
  let waiting = false;
  let reloading = false;
  workbox.addEventListener('waiting', () => (waiting = true));
  // Reload only when a new version has taken control, and only once: never a reload loop.
  workbox.addEventListener('controlling', (event) => {
    if (!event.isUpdate || reloading) return;
    reloading = true;
    window.location.reload();
  });
  workbox.register().catch((error: unknown) => console.warn('Lintel could not register its service worker', error));

  let cancelUpdateCheck = () => {};
  const checkForUpdate = () => {
    cancelUpdateCheck = clock.setTimer(() => {
      workbox.update().catch(() => {});
      checkForUpdate();
    }, UPDATE_CHECK_MS);
  };
  let cancelIdleCheck = () => {};
  const activateWhenIdle = () => {
    cancelIdleCheck = clock.setTimer(() => {
      if (waiting && isIdle()) {
        waiting = false;
        workbox.messageSkipWaiting();
      }
      activateWhenIdle();
    }, IDLE_CHECK_MS);
  };
  checkForUpdate();
  activateWhenIdle();
  return () => {
    cancelUpdateCheck();
    cancelIdleCheck();
  };
}
