import type { QrPath } from './qr.ts';

/** Codes drawn or being drawn, by URL, the latest few: a display shows one or two for hours, and its room link changes now and then. */
const drawn = new Map<string, Promise<QrPath>>();
const KEPT = 4;
let worker: Worker | null | undefined;
const waiting = new Map<string, (code: QrPath) => void>();

/**
 * The QR code of `url`, drawn in a worker (qr-worker.ts) so the page's
 * thread stays free for the room's status and a first touch; on this
 * thread where a browser gives no module worker.
 */
export function drawQr(url: string): Promise<QrPath> {
  const known = drawn.get(url);
  if (known) return known;
  const code = new Promise<QrPath>((resolve) => {
    const helper = qrWorker();
    if (!helper) return drawHere(url, resolve);
    waiting.set(url, resolve);
    helper.postMessage(url);
  });
  drawn.set(url, code);
  for (const old of drawn.keys()) if (drawn.size > KEPT) drawn.delete(old);
  return code;
}

function qrWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (worker = null);
  }
  worker.addEventListener('message', (event: MessageEvent<{ url: string; code: QrPath }>) => {
    waiting.get(event.data.url)?.(event.data.code);
    waiting.delete(event.data.url);
  });
  // A worker that cannot start (blocked, say): the codes waiting for it, and all after, are drawn here.
  worker.addEventListener('error', () => {
    worker = null;
    for (const [url, resolve] of waiting) drawHere(url, resolve);
    waiting.clear();
  });
  return worker;
}

/** Draws on the page's thread, the encoder fetched when first needed. */
function drawHere(url: string, resolve: (code: QrPath) => void): void {
  void import('./qr.ts').then(({ qrPath }) => resolve(qrPath(url)));
}
