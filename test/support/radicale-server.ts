import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopServer } from './server-process.ts';

export interface RadicaleServer {
  /** http://127.0.0.1:PORT (https:// with `tls`) */
  url: string;
  /** The URL of `user`'s calendar collection `name`, ending in /: it exists once `createCalendar` made it. */
  calendarUrl(user: string, name: string): string;
  /** Makes `user`'s calendar collection `name` with MKCALENDAR (RFC 4791 5.3.1), as that user; answers its URL. */
  createCalendar(user: string, name: string): Promise<string>;
  /** The user's password changed on the server: Radicale reads its users file at each sign-in, so the old one is refused from now on. */
  setPassword(user: string, password: string): Promise<void>;
  /** Ends the server and removes its config and storage. */
  stop(): Promise<void>;
  /** A server down and back: ends it (SIGTERM) and starts it again on the same port with the same storage. */
  restart(): Promise<void>;
  /** Ends it at once (SIGKILL), as a crash or a pulled cable: the port refuses connections until `start`. */
  kill(): Promise<void>;
  /** Starts it again after `kill`, on the same port with the same storage. */
  start(): Promise<void>;
}

/** Debian's radicale package (test/install-test-tools.sh installs it); its script runs Debian's own python3, never a pip copy. */
const RADICALE = existsSync('/usr/bin/radicale') ? '/usr/bin/radicale' : 'radicale';

/**
 * Debian's Radicale on a random port of 127.0.0.1 as a room's CalDAV server:
 * `users` (name → password) log in with HTTP Basic, each may only reach
 * their own collections (`owner_only`), and storage lives in a temp dir.
 * With `tls` (PEM texts) it serves HTTPS with that certificate.
 */
export async function startRadicale(options: { users: Record<string, string>; tls?: { certificate: string; key: string } }): Promise<RadicaleServer> {
  const port = await freePort();
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'lintel-radicale-'));
  const tls: string[] = [];
  if (options.tls) {
    await writeFile(join(dir, 'cert.pem'), options.tls.certificate);
    await writeFile(join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
    tls.push('ssl = True', `certificate = ${join(dir, 'cert.pem')}`, `key = ${join(dir, 'key.pem')}`);
  }
  const storage = join(dir, 'collections');
  await mkdir(storage);
  const users = join(dir, 'users');
  const passwords = { ...options.users };
  const writeUsers = () => writeFile(users, Object.entries(passwords).map(([name, password]) => `${name}:${password}\n`).join(''));
  await writeUsers();
  const config = join(dir, 'config');
  await writeFile(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      ...tls,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${users}`,
      // Plain passwords: no htpasswd binary needed to write the file.
      'htpasswd_encryption = plain',
      // Radicale waits this long before answering a wrong password; tests try one on purpose.
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${storage}`,
      '[web]',
      'type = none',
      '[logging]',
      // Quiet: a refused sync token is a warning with a stack trace, and tests refuse them on purpose.
      'level = critical',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  try {
    child = await run(config, url);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const stopOnExit = () => child?.kill('SIGKILL');
  process.on('exit', stopOnExit);
  const end = async (signal: NodeJS.Signals) => {
    if (child !== undefined) await stopServer(child, signal);
    child = undefined;
  };
  const calendarUrl = (user: string, name: string) => `${url}/${encodeURIComponent(user)}/${encodeURIComponent(name)}/`;

  return {
    url,
    calendarUrl,
    setPassword: async (user, password) => {
      passwords[user] = password;
      await writeUsers();
    },
    createCalendar: async (user, name) => {
      const password = passwords[user];
      if (password === undefined) throw new Error(`no Radicale user ${user}`);
      const collection = calendarUrl(user, name);
      const response = await send(collection, {
        method: 'MKCALENDAR',
        headers: { authorization: basic(user, password), 'content-type': 'application/xml; charset=utf-8' },
        body:
          '<?xml version="1.0" encoding="utf-8"?>' +
          '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>' +
          `<D:displayname>${name.replace(/[<&>]/g, '')}</D:displayname>` +
          '<C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>' +
          '</D:prop></D:set></C:mkcalendar>',
      });
      // RFC 4791 5.3.1: MKCALENDAR answers 201 Created.
      if (response.status !== 201) throw new Error(`MKCALENDAR ${collection} answered ${response.status}: ${response.body}`);
      return collection;
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      await end('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await end('SIGTERM');
      child = await run(config, url);
    },
    kill: () => end('SIGKILL'),
    start: async () => {
      if (child === undefined) child = await run(config, url);
    },
  };
}

/** The Authorization header of `user` (HTTP Basic, RFC 7617). */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** One request with Node's own client, which (unlike fetch) can be told to accept the test's self-signed certificate. */
function send(url: string, options: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number }): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      { method: options.method, headers: options.headers, rejectUnauthorized: false, timeout: options.timeoutMs ?? 10_000 },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error(`${options.method} ${url} timed out`)));
    request.end(options.body);
  });
}

/** Starts Radicale and resolves once it answers HTTP; kills it and rejects, with what it printed, if it exits or takes too long. */
async function run(config: string, url: string): Promise<ChildProcess> {
  const child = spawn(RADICALE, ['--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited) throw new Error(`radicale exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    try {
      // Any answer will do (401 without credentials): the server is listening and serving.
      await send(`${url}/`, { method: 'OPTIONS', timeoutMs: 1_000 });
      return child;
    } catch {
      if (Date.now() > deadline) {
        await stopServer(child, 'SIGKILL');
        throw new Error(`radicale did not answer on ${url} in 15 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
