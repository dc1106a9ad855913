import { mount } from 'svelte';
import PhoneApp from './PhoneApp.svelte';

/**
 * The phone page's entry, loaded by `main.ts` only for a room page opened
 * from a display's QR code (shared/phone-page.ts): its components live in
 * this chunk, so a room display never downloads them. Like the building
 * page, it sticks to the Svelte features the display already uses: any
 * runtime helper only this page needed would land in the display's bundle.
 */
export function mountPhone(target: HTMLElement): void {
  mount(PhoneApp, { target });
}
