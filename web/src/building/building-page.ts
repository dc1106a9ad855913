import '../lib/zod-jitless.ts';

import { mount } from 'svelte';
/**
 * The building overview's entry, loaded by `main.ts` only at `/building`:
 * its components and texts live in the chunk it loads, so a room display
 * never downloads them. Like the admin page, it sticks to the Svelte
 * features the display already uses (no `{#await}`; `bind:` only as the
 * display binds): any runtime helper only this page needed would still land
 * in the display's bundle.
 */
export async function mountBuilding(target: HTMLElement): Promise<void> {
  const { default: BuildingApp } = await import('./BuildingApp.svelte');
  mount(BuildingApp, { target });
}
