import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, stopServer, untilReady } from './server-process.ts';

export interface RedisServer {
  url: string;
  port: number;
  /** Ends the redis-server this test started, by its PID. */
  stop(): Promise<void>;
}

/**
 * Debian's redis-server on a random port, in memory only (nothing saved), as
 * the bridges' shared Redis. test/install-test-tools.sh installs it before the tests.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  await untilReady(child, { stream: 'stdout', ready: 'Ready to accept connections', name: 'redis-server', timeoutMs: 10_000 });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => {
      process.off('exit', stopOnExit);
      return stopServer(child, 'SIGTERM');
    },
  };
}
