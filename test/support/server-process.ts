import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port the OS reports free now, for servers that cannot be told to pick one themselves (redis-server's port 0 turns TCP off). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the server started by this test prints `ready` on `stream`; kills it and rejects, with what it printed, if it exits or takes too long. */
export function untilReady(child: ChildProcess, { stream, ready, name, timeoutMs }: { stream: 'stdout' | 'stderr'; ready: string; name: string; timeoutMs: number }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child[stream]?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timeout);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

/** Ends a server this test started, by its PID, and resolves once it has exited. */
export function stopServer(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
