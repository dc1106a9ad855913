/**
 * Holds a screen wake lock so the room monitor never dims on its own. The
 * browser drops the lock whenever the page is hidden, so it is taken again
 * each time the page becomes visible.
 */
export function keepScreenAwake(navigatorLike: Pick<Navigator, 'wakeLock'> | undefined = globalThis.navigator, doc: Document = document): () => void {
  const wakeLock = navigatorLike?.wakeLock;
  if (!wakeLock) return () => {};
  let sentinel: WakeLockSentinel | null = null;
  const acquire = async () => {
    if (doc.visibilityState !== 'visible') return;
    try {
      sentinel = await wakeLock.request('screen');
    } catch {
      // Refused (battery saver, no user activation yet): the kiosk's own power settings still apply.
    }
  };
  const onVisibilityChange = () => void acquire();
  doc.addEventListener('visibilitychange', onVisibilityChange);
  void acquire();
  return () => {
    doc.removeEventListener('visibilitychange', onVisibilityChange);
    void sentinel?.release();
  };
}
