import type { M365Room } from './room-discovery.svelte.ts';

/**
 * The Microsoft 365 room the admin picked, in the discovered rooms or among
 * the connected account's calendars, for pairing a display or for a room of
 * this bridge. One at a time: the last pick wins, wherever it was made.
 */
export class M365Choice {
  room = $state<M365Room | null>(null);

  isChosen(mailbox: string): boolean {
    return this.room?.mailbox.toLowerCase() === mailbox.toLowerCase();
  }
}
