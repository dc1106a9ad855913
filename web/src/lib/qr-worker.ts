import { qrPath } from './qr.ts';

/**
 * Draws QR codes off the page's thread (see qr-drawing.ts): encoding one
 * tries all eight masks, tens of milliseconds of a display's CPU when the
 * page has just loaded, in the way of a first touch.
 */
const scope = globalThis as unknown as { postMessage(message: unknown): void; addEventListener(type: 'message', listener: (event: MessageEvent<string>) => void): void };
scope.addEventListener('message', (event) => scope.postMessage({ url: event.data, code: qrPath(event.data) }));
