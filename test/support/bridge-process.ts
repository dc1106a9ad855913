import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The V8 flags `npm start` and `npm run serve` run the bridge with (package.json's `serve` is the one
 * place they are written): a small young generation keeps a kiosk bridge
 * within its memory budget, `--expose-gc` lets it collect the garbage of
 * many closed connections at once (realtime/churn-collector.ts), and tests,
 * benchmarks and the systemd unit must run that bridge.
 */
export const NODE_FLAGS = (() => {
  const serve = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { serve: string } }).scripts.serve;
  const flags = /\bnode ((?:--\S+ )*)dist\/bridge\/main\.js/.exec(serve)?.[1];
  if (flags === undefined) throw new Error(`cannot read the bridge's node flags from the serve script: ${serve}`);
  return flags.trim().split(' ').filter(Boolean);
})();

/** Every bridge this process started and has not yet stopped: none outlives a crashed test or benchmark. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface BridgeProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** What it printed until it was running. */
  startupOutput: string;
  /** Ends the process this test started, by its PID. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-test-'));
  // Retried: a browser's helper processes may still write to its profile folder a moment after the browser exited.
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }) };
}

/**
 * The real bridge as a separate process on a port the OS picks (read back
 * from its log): from source, or from the production build exactly as
 * `npm start` runs it (end-to-end tests and benchmarks).
 */
export async function startBridgeProcess(options: { dataDir: string; env?: Record<string, string>; build?: boolean; dist?: string }): Promise<BridgeProcess> {
  // `dist`: another folder the build script made (`--dist`) than the project's dist.
  const entry = [...NODE_FLAGS, ...(options.build ? [join(options.dist ?? 'dist', 'bridge/main.js')] : ['--import', 'tsx', 'bridge/src/main.ts'])];
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...process.env, PORT: '0', LINTEL_HOST: '127.0.0.1', LINTEL_DATA_DIR: options.dataDir, LINTEL_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const { port, output } = await readPort(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error('bridge process has no pid');
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    dataDir: options.dataDir,
    startupOutput: output,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

function readPort(child: ChildProcess): Promise<{ port: number; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timeout = setTimeout(() => fail(new Error(`bridge did not start in 20 s:\n${output}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timeout);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('Lintel is running')) continue;
        const parsed = JSON.parse(line) as { port: number };
        clearTimeout(timeout);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ port: parsed.port, output });
        return;
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`bridge exited with ${code}:\n${output}`)));
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bridge did not exit within 10 s of ${signal}`));
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(deadline);
      resolve();
    });
    child.kill(signal);
  });
}
