import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '../../../../shared/errors.ts';

/**
 * The password of a room's CalDAV account, from its file (`passwordFile` in
 * the rooms file). One trailing line ending (`\n` or `\r\n`), as an editor or
 * `echo` leaves it, is not part of the password; every other character is,
 * spaces included.
 */
export function readPasswordFile(path: string): Result<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('invalid-input', `the CalDAV password file ${path} does not exist`);
    if (code === 'EISDIR') return fail('invalid-input', `the CalDAV password file ${path} is a folder, not a file`);
    if (code === 'EACCES' || code === 'EPERM') return fail('invalid-input', `the bridge may not read the CalDAV password file ${path} (${code}): let the user it runs as read it`);
    return fail('invalid-input', `cannot read the CalDAV password file ${path}: ${(error as Error).message}`);
  }
  const password = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (password === '') return fail('invalid-input', `the CalDAV password file ${path} is empty: write the account's password in it`);
  return ok(password);
}
