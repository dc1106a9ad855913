import { mount } from 'svelte';
import BuildingApp from './BuildingApp.svelte';

/**
 * The building overview's entry, loaded by `main.ts` only at `/building`:
 * its components and texts live in this chunk, so a room display never
 * downloads them. Like the admin page, it sticks to the Svelte features the
 * display already uses (no `bind:`, no `{#await}`): any runtime helper only
 * this page needed would still land in the display's bundle.
 */
export function mountBuilding(target: HTMLElement): void {
  mount(BuildingApp, { target });
}
