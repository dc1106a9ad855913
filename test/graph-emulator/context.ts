import type { EmulatedTenant } from './tenant.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** What every part of the emulator shares. */
export interface EmulatorContext {
  readonly tenant: EmulatedTenant;
  /** `https://127.0.0.1:<port>`, known once the server listens; links and issuers are built on it. */
  readonly origin: () => string;
  /** The server's self-signed certificate, which `$batch` trusts when it sends sub-requests back through the server. */
  readonly ca: string;
}
