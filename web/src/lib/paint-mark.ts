/** Name of the performance mark set when the room status is first on screen: benchmarks and field monitoring read it. */
export const STATUS_PAINTED_MARK = 'lintel:status-painted';

let painted: () => void = () => {};
/** Resolves once the status is first on screen: work that can wait (the service worker) waits for it. */
export const statusPainted = new Promise<void>((resolve) => (painted = resolve));

/** Marks the first frame after the status appeared; once per page load. */
export function markStatusPainted(): void {
  if (performance.getEntriesByName(STATUS_PAINTED_MARK).length > 0) return;
  requestAnimationFrame(() => {
    performance.mark(STATUS_PAINTED_MARK);
    painted();
  });
}

/** Marks around a replay of queued actions, for benchmarks and field monitoring. */
export const REPLAY_START_MARK = 'lintel:replay-start';
export const REPLAY_END_MARK = 'lintel:replay-end';
