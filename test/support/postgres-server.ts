import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopServer, untilReady } from './server-process.ts';

export interface PostgresServer {
  /** A new, empty database on the server, as a URL a bridge takes. */
  createDatabase(): string;
  /** The server goes away, as a database server does when it fails, keeping its data. */
  pause(): Promise<void>;
  /** The server comes back on the same port, with the same data. */
  resume(): Promise<void>;
  /** Ends the postgres this test started, by its PID, and removes its files. */
  stop(): Promise<void>;
}

/** Debian installs the server programs under /usr/lib/postgresql/<version>/bin, off the PATH. */
function serverProgram(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  return name;
}

/** PostgreSQL refuses to run as root: as root, it runs as Debian's postgres user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
  return { uid: uid ?? 0, gid: gid ?? 0 };
}

let databases = 0;

/**
 * Debian's PostgreSQL on a random port, in a new cluster in a temp dir, as
 * the bridges' shared store. Nothing is synced to disk: a test's data need
 * not survive a power cut. test/install-test-tools.sh installs it before the
 * tests.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-postgres-'));
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  execFileSync(serverProgram('initdb'), ['-D', data, '-U', 'lintel', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], { stdio: 'pipe', ...user });
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      serverProgram('postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      { stdio: ['ignore', 'pipe', 'pipe'], ...user },
    );
    await untilReady(child, { stream: 'stderr', ready: 'ready to accept connections', name: 'postgres', timeoutMs: 20_000 });
    return child;
  };
  /** Fast shutdown: connections still open are ended, as a database server going away ends them. */
  const shutDown = (child: ChildProcess) => stopServer(child, 'SIGINT');
  let child = await launch();
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  const url = (database: string) => `postgresql://lintel@127.0.0.1:${port}/${database}`;
  return {
    createDatabase: () => {
      const name = `lintel_${process.pid}_${++databases}`;
      execFileSync(serverProgram('psql'), ['-X', '-q', '-d', url('postgres'), '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
      return url(name);
    },
    pause: () => shutDown(child),
    resume: async () => {
      child = await launch();
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      await shutDown(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
