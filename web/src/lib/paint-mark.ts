/** Name of the performance mark set when the room status is first on screen: benchmarks and field monitoring read it. */
export const STATUS_PAINTED_MARK = 'lintel:status-painted';

/** Marks the first frame after the status appeared; once per page load. */
export function markStatusPainted(): void {
  if (performance.getEntriesByName(STATUS_PAINTED_MARK).length > 0) return;
  requestAnimationFrame(() => performance.mark(STATUS_PAINTED_MARK));
}
