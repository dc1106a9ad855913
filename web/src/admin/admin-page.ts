// First of all, before any schema is made (see zod-jitless.ts).
import '../lib/zod-jitless.ts';
import { mount } from 'svelte';
// First, so a component's own styles win over the shared ones.
import './admin.css';
import AdminApp from './AdminApp.svelte';

/**
 * The admin page's entry, loaded by `main.ts` only under `/admin`: MSAL,
 * the Graph client and the admin's texts live in this chunk, so the
 * display route never downloads them.
 *
 * Whatever Svelte runtime the admin page uses and the display does not ends
 * up in the display's bundle all the same (the runtime's shared entry module
 * lives there), and the display has a size budget. So the admin page uses no
 * `bind:` directives and no `<select value>` (Svelte's binding and select
 * helpers are 3 KB): values go in by attribute and come back by event,
 * options are marked `selected`, and focus moves by id.
 */
export function mountAdmin(target: HTMLElement): void {
  mount(AdminApp, { target });
}
