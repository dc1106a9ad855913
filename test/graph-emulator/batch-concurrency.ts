/** Requests one app may have running on one mailbox; Graph docs: concepts/throttling-limits.md (Outlook service limits, 4 concurrent requests). */
export const MAILBOX_CONCURRENCY_LIMIT = 4;

/**
 * How `$batch` runs its sub-requests, and how many run on each mailbox at
 * once. With `parallel` on, those without `dependsOn` all start together, as
 * Graph may run them (Graph docs: concepts/json-batching.md), and one started
 * while 4 others run on its mailbox is refused with MailboxConcurrency. Off by
 * default: then each waits for the one before it, in order, which tests of
 * everything but concurrency rely on to read what an earlier one wrote.
 *
 * Counted from when `$batch` starts a sub-request until its answer is back,
 * so whether one is refused does not depend on loopback timing. Requests sent
 * alone are not counted: their overlap would be down to that timing.
 */
export class BatchConcurrency {
  parallel = false;
  readonly #running = new Map<string, number>();
  readonly #peak = new Map<string, number>();

  /** Starts a sub-request on the mailbox (lower case); false when it is one too many, and is refused instead. */
  enter(mailbox: string): boolean {
    const running = (this.#running.get(mailbox) ?? 0) + 1;
    this.#peak.set(mailbox, Math.max(running, this.peak(mailbox)));
    if (running > MAILBOX_CONCURRENCY_LIMIT) return false;
    this.#running.set(mailbox, running);
    return true;
  }

  /** Its answer is back. */
  leave(mailbox: string): void {
    this.#running.set(mailbox, (this.#running.get(mailbox) ?? 1) - 1);
  }

  /** The most sub-requests the app ever had on the mailbox at once: those running, and one more asked for and refused. */
  peak(mailboxAddress: string): number {
    return this.#peak.get(mailboxAddress.toLowerCase()) ?? 0;
  }
}
