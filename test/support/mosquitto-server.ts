import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, stopServer, untilReady } from './server-process.ts';

export interface MosquittoServer {
  url: string;
  port: number;
  /** Ends the broker and starts it again on the same port, as a broker restart does: no retained message or subscription survives (persistence is off). */
  restart(): Promise<void>;
  /** Ends the mosquitto this test started, by its PID, and removes its config. */
  stop(): Promise<void>;
}

/** Debian installs the broker in /usr/sbin, which is not on every user's PATH. */
const MOSQUITTO = existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto';

/**
 * Debian's mosquitto on a random port of 127.0.0.1, in memory only, as the
 * broker the bridge publishes to: anonymous, or only for `users` (name →
 * password) when given. test/install-test-tools.sh installs it.
 */
export async function startMosquitto(options: { users?: Record<string, string> } = {}): Promise<MosquittoServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'lintel-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  const lines = [`listener ${port} 127.0.0.1`, 'persistence false'];
  if (options.users === undefined) lines.push('allow_anonymous true');
  else {
    const passwords = join(dir, 'passwords');
    for (const [index, [name, password]] of Object.entries(options.users).entries()) {
      await promisify(execFile)('mosquitto_passwd', [...(index === 0 ? ['-c'] : []), '-b', passwords, name, password]);
    }
    // Started as root, mosquitto would become the `mosquitto` user, who cannot read this test's private folder: it stays who started it.
    lines.push('allow_anonymous false', `password_file ${passwords}`, `user ${userInfo().username}`);
  }
  await writeFile(config, `${lines.join('\n')}\n`);
  let child = await run(config);
  const stopOnExit = () => child.kill('SIGKILL');
  process.on('exit', stopOnExit);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await stopServer(child, 'SIGTERM');
      child = await run(config);
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      await stopServer(child, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function run(config: string): Promise<ChildProcess> {
  const child = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await untilReady(child, { stream: 'stderr', ready: ' running', name: 'mosquitto', timeoutMs: 10_000 });
  return child;
}
