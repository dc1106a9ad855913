import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ClickShareFault } from './clickshare-fault.ts';

/** Where a unit's pinned certificate fingerprint is kept between runs. */
export interface CertificatePinStore {
  /** For people: where it is, e.g. the file's path. */
  readonly describe: string;
  /** The pinned SHA-256 fingerprint, or null before first contact. Rejects when it cannot be read or holds no fingerprint. */
  load(): Promise<string | null>;
  save(fingerprint: string, note: string): Promise<void>;
}

/** Node's spelling of a SHA-256 fingerprint (X509Certificate.fingerprint256): 32 hex bytes, upper case, colon-separated. */
const FINGERPRINT = /^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export function isFingerprint(text: string): boolean {
  return FINGERPRINT.test(text);
}

/**
 * A pin in a small text file: a comment saying what it is, and the
 * fingerprint. Deleting the file lets the next contact pin the unit's new
 * certificate. A file that holds no fingerprint is a fault, never read as
 * "nothing pinned": a damaged file must not let another certificate in.
 */
export function filePinStore(path: string): CertificatePinStore {
  return {
    describe: path,
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ClickShareFault('pin-store', `cannot read the pinned certificate in ${path}: ${(error as Error).message}`);
      }
      const lines = text.split(/\r?\n/).map((line) => line.trim());
      const fingerprint = lines.find((line) => line !== '' && !line.startsWith('#'));
      if (fingerprint === undefined || !isFingerprint(fingerprint)) {
        throw new ClickShareFault('pin-store', `${path} holds no SHA-256 fingerprint: delete it to pin the unit's certificate again`);
      }
      return fingerprint;
    },
    async save(fingerprint, note) {
      try {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, `# ${note}\n# Delete this file to trust a new certificate of the unit.\n${fingerprint}\n`, { mode: 0o600 });
        // A rename replaces the file whole: a crash leaves the old pin or the new one, never half of one.
        await rename(temporary, path);
      } catch (error) {
        throw new ClickShareFault('pin-store', `cannot keep the unit's certificate fingerprint in ${path}: ${(error as Error).message}`);
      }
    },
  };
}

/**
 * Trust on first contact: the first certificate the unit presents is
 * pinned, later ones must be that one. Checks run one at a time, so two
 * connections opened at first contact cannot pin two certificates.
 */
export class CertificatePin {
  readonly #store: CertificatePinStore;
  readonly #note: () => string;
  #queue: Promise<unknown> = Promise.resolve();

  /** `note` says what was pinned and when, for the store's comment. */
  constructor(store: CertificatePinStore, note: () => string) {
    this.#store = store;
    this.#note = note;
  }

  get describe(): string {
    return this.#store.describe;
  }

  /** Resolves 'pinned' (first contact) or 'matches'; rejects with certificate-changed or pin-store. */
  check(fingerprint: string): Promise<'pinned' | 'matches'> {
    const result = this.#queue.then(() => this.#check(fingerprint));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #check(fingerprint: string): Promise<'pinned' | 'matches'> {
    const pinned = await this.#store.load();
    if (pinned === fingerprint) return 'matches';
    if (pinned !== null) {
      throw new ClickShareFault(
        'certificate-changed',
        `the unit presented a certificate with SHA-256 ${fingerprint}, not the one pinned in ${this.#store.describe} (${pinned}): if the unit's certificate was replaced on purpose, delete that file`,
      );
    }
    await this.#store.save(fingerprint, this.#note());
    return 'pinned';
  }
}
