import { readFile } from 'node:fs/promises';
import type { ClickShareConfig } from '../../../../shared/clickshare-config.ts';
import { ClickShareFault } from './clickshare-fault.ts';

export interface ClickShareCredentials {
  username: string;
  password: string;
  /** The CA the unit's certificate must be signed by; null: pin the unit's own certificate. */
  caPem: string | null;
}

/** A password file's text as the password: the newline an editor or `echo` ends the file with is not part of it. */
export function passwordFromFile(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Reads the password and CA files now, so a file fixed after a fault is used at the next reconnect. */
export async function readCredentials(config: ClickShareConfig): Promise<ClickShareCredentials> {
  const password = passwordFromFile(await readSecretFile(config.passwordFile, 'password file ("passwordFile")'));
  if (password === '') throw new ClickShareFault('configuration', `the password file ${config.passwordFile} is empty`);
  let caPem: string | null = null;
  if (config.caFile !== undefined) {
    caPem = await readSecretFile(config.caFile, 'CA file ("caFile")');
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) throw new ClickShareFault('configuration', `the CA file ${config.caFile} holds no PEM certificate`);
  }
  return { username: config.username, password, caPem };
}

async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ClickShareFault('configuration', `cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}
