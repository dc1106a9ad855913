import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';

/**
 * The built bridge, as `npm start` runs it, on a data dir of its own (the
 * demo room unless `env` says otherwise); `stop` ends the process by its PID
 * and removes the data dir.
 */
export async function startBenchBridge(env: Record<string, string> = {}): Promise<BridgeProcess> {
  const data = tempDataDir();
  try {
    const running = await startBridgeProcess({ dataDir: data.dir, build: true, env });
    return {
      ...running,
      async stop(signal) {
        try {
          await running.stop(signal);
        } finally {
          data.remove();
        }
      },
    };
  } catch (error) {
    data.remove();
    throw error;
  }
}
