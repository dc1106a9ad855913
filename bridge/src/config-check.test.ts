import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfigFile } from './config-check.ts';
import { configSchemas } from './config-schemas.ts';
import { projectRoot } from './project-root.ts';

const kioskConfig = join(projectRoot(), 'kiosk-config');
const dir = mkdtempSync(join(tmpdir(), 'lintel-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('config check', () => {
  it('passes every example, with the rooms file its environment names', () => {
    const examples = readdirSync(join(kioskConfig, 'examples'));
    expect(examples.sort()).toEqual(['building-hub', 'local-only', 'single-room']);
    for (const example of examples) {
      const rooms = join(kioskConfig, 'examples', example, 'rooms.json');
      expect(checkConfigFile(rooms), rooms).toEqual([]);
      // Deployed, the environment names /etc/lintel/...; here it names the example's own files.
      const env = readFileSync(join(kioskConfig, 'examples', example, 'lintel.env'), 'utf8')
        .replace('/etc/lintel/rooms.json', rooms)
        .replace('/etc/lintel/lintel-app.pem', rooms);
      expect(checkConfigFile(file(`${example}.env`, env)), example).toEqual([]);
    }
  });

  it("knows the kiosk launcher's settings, so an environment file may hold them beside the bridge's", () => {
    const launcher = readFileSync(join(kioskConfig, 'kiosk', 'lintel-kiosk.sh'), 'utf8');
    const names = [...new Set(launcher.match(/LINTEL_[A-Z_]+/g))];
    expect(names.length).toBeGreaterThan(0);
    expect(checkConfigFile(file('kiosk.env', names.map((name) => `${name}=1`).join('\n')))).not.toEqual(
      expect.arrayContaining([expect.stringContaining('not a Lintel setting')]),
    );
  });

  it("passes the installer's commented template", () => {
    expect(checkConfigFile(join(kioskConfig, 'lintel.env.example'))).toEqual([]);
  });

  it('lists every problem of a rooms file with its path', () => {
    const rooms = file(
      'broken.json',
      JSON.stringify({
        rooms: [
          { id: 'Harbour Room', name: 'Harbour', timeZone: 'Europe/Amsterdam', baseUnit: {} },
          { id: 'loft', name: 'Loft', timeZone: 'Mars/Olympus', capacity: -3, settings: { language: 'tlh', pin: '12' } },
          { id: 'loft', name: 'Loft 2', timeZone: 'UTC', microsoft365: { mailbox: 'not an address' } },
        ],
        colour: 'blue',
      }),
    );
    const problems = checkConfigFile(rooms);
    for (const path of ['rooms.0.id', 'rooms.0.baseUnit', 'rooms.1.timeZone', 'rooms.1.capacity', 'rooms.1.settings.language', 'rooms.1.settings.pin', 'rooms.2.id', 'rooms.2.microsoft365.mailbox']) {
      expect(problems.some((problem) => problem.startsWith(`${path}: `)), `${path} in ${problems.join(' | ')}`).toBe(true);
    }
    expect(problems).toContain('Unrecognized key: "colour"');
    expect(checkConfigFile(file('not.json', '{ "rooms": [ '))).toEqual([expect.stringContaining('is not valid JSON')]);
  });

  it('lists every problem of an environment file: its lines, unknown and invalid settings, and the files it names', () => {
    const env = file(
      'broken.env',
      [
        '# a comment, then a blank line',
        '',
        'PORT=eighty',
        'LINTEL_LOG_LEVEL=loud',
        'LINTEL_M365_TENANTID=11c93112-691e-46b7-bd88-67224996c323',
        'LINTEL_M365_CLIENT_ID=c83fa25b-e576-4604-b5d4-c4efc21fb855',
        'LINTEL_M365_CERTIFICATE_FILE="/nowhere/app.pem"',
        'LINTEL_PUBLIC_URL=lintel.example.org',
        'LINTEL_PUBLIC_URL=ftp://lintel.example.org',
        'this line is not a setting',
        `LINTEL_CONFIG=${file('rooms-with-a-typo.json', JSON.stringify({ rooms: [{ id: 'loft', name: 'Loft', timeZone: 'Europe/Amsterdm' }] }))}`,
      ].join('\n'),
    );
    const problems = checkConfigFile(env);
    expect(problems).toEqual(
      expect.arrayContaining([
        'line 9: LINTEL_PUBLIC_URL is set twice; only the last one counts',
        'line 10: not a KEY=value line',
        "LINTEL_M365_TENANTID: not a Lintel setting (see the README's Configuration)",
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^LINTEL_LOG_LEVEL: /),
        expect.stringMatching(/^LINTEL_PUBLIC_URL: must be an http\(s\) URL/),
        'LINTEL_M365_TENANT_ID: is needed to connect Microsoft 365',
      ]),
    );
    // The files it names are only looked at once the settings themselves are right.
    const fixed = file('fixed.env', readFileSync(env, 'utf8').replace('PORT=eighty', 'PORT=80').replace('=loud', '=warn').replace('TENANTID', 'TENANT_ID').replace('this line is not a setting', '').replace('LINTEL_PUBLIC_URL=ftp://lintel.example.org', '').replace('=lintel.example.org', '=https://lintel.example.org'));
    expect(checkConfigFile(fixed)).toEqual([expect.stringMatching(/^LINTEL_CONFIG: rooms\.0\.timeZone: not a known IANA time zone/), 'LINTEL_M365_CERTIFICATE_FILE: cannot read /nowhere/app.pem']);
    expect(checkConfigFile(join(dir, 'missing.env'))).toEqual([expect.stringMatching(/^cannot read .*missing\.env/)]);
  });

  it('publishes JSON Schemas that are the ones the bridge checks with (npm run config:schema writes them)', () => {
    for (const [name, schema] of Object.entries(configSchemas())) {
      expect(JSON.parse(readFileSync(join(kioskConfig, 'schema', name), 'utf8')), name).toEqual(schema);
    }
  });
});
