import { mount } from 'svelte';
import { config } from 'zod/v4/core';

// Zod builds each object schema's parser with `new Function` unless told not to, and probes for it as each schema is
// made: under the bridge's CSP (no 'unsafe-eval') even the caught probe is a securitypolicyviolation. Jitless parses
// without it ($ZodConfig.jitless, "useful in environments that disallow eval": https://github.com/colinhacks/zod/blob/main/packages/zod/src/v4/core/core.ts).
// Set here, before the board's chunk and the schemas in it are loaded: a chunk's imports run before its own code.
config({ jitless: true });

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
