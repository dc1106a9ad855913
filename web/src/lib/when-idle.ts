/**
 * Runs `work` once the page is idle (after its next paint, while it waits
 * for the network, say), or soon in a browser without requestIdleCallback
 * (Safari); returns the cancel function.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // A busy page still gets it within a second: later, it would only be in the way of what it prepares.
    const id = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 0);
  return () => clearTimeout(id);
}
