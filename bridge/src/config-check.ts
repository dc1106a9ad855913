import { accessSync, constants, readFileSync } from 'node:fs';
import { parseConfig, unknownSettings } from './config.ts';
import { parseEnvFile } from './env-file.ts';
import { loadRoomsFile, roomsToSave } from './rooms-file.ts';
import { remoteCalendarProblems } from './calendars/remote/remote-calendar-problems.ts';

/**
 * The checks the bridge makes at start, on files before they are deployed:
 * a rooms file (`.json`) or an environment file (`/etc/lintel/lintel.env`).
 * Every problem is listed, each with its path or line; none means the bridge
 * would start with this configuration.
 */
export function checkConfigFile(path: string): string[] {
  return path.endsWith('.json') ? roomsFileProblems(path) : envFileProblems(path);
}

function roomsFileProblems(path: string): string[] {
  const rooms = loadRoomsFile(path);
  return rooms.ok ? remoteCalendarProblems(roomsToSave(rooms.data, () => undefined)) : rooms.message.split('; ');
}

function envFileProblems(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return [`cannot read ${path}: ${(error as Error).message}`];
  }
  const { values, problems } = parseEnvFile(text);
  for (const key of unknownSettings(values)) problems.push(`${key}: not a Lintel setting (see the README's Configuration)`);
  const config = parseConfig(values);
  if (!config.ok) return [...problems, ...config.message.split('; ')];
  // The files it names are checked too; a relative path is read from the current folder, as the bridge started here would.
  const { roomsFile, microsoft365, google, googleApi } = config.data;
  if (roomsFile !== undefined) problems.push(...roomsFileProblems(roomsFile).map((problem) => `LINTEL_CONFIG: ${problem}`));
  for (const [key, file] of [
    ['LINTEL_M365_CERTIFICATE_FILE', microsoft365?.certificateFile],
    ['LINTEL_M365_CA_FILE', microsoft365?.caFile],
    ['LINTEL_GOOGLE_CREDENTIALS_FILE', google?.credentialsFile],
    ['LINTEL_GOOGLE_CA_FILE', googleApi.caFile],
  ] as const) {
    if (file !== undefined && !readable(file)) problems.push(`${key}: cannot read ${file}`);
  }
  return problems;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
