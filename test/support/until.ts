/** Polls `probe` until it gives a value (not undefined), and returns it; fails naming `what` when that takes longer than `timeoutMs`. */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Moves a fake clock on `stepMs` at a time, letting real I/O (sockets, ptys,
 * child processes) happen in between, until `check` holds: for drivers whose
 * timers run on the fake clock while their devices answer in real time.
 */
export async function pumpUntil(clock: { advance(ms: number): void }, check: () => boolean, what: string, { stepMs = 250, everyMs = 10 } = {}): Promise<void> {
  await until(
    () => {
      if (check()) return true;
      clock.advance(stepMs);
      return undefined;
    },
    15_000,
    what,
    everyMs,
  );
}
