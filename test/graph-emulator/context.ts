import type { EmulatedTenant } from './tenant.ts';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/**
 * The resource identifier of the emulated Graph: a Graph deployment's is its
 * own service root (Graph docs: concepts/sdks/national-clouds.md, "Permission
 * scopes"; concepts/deployments.md), so the emulator is
 * a cloud of its own at its origin, and a client that asks for the global
 * cloud's `https://graph.microsoft.com` here is refused as it would be in a
 * national cloud.
 */
export function graphResourceOf(ctx: EmulatorContext): string {
  return ctx.origin();
}

/** What every part of the emulator shares. */
export interface EmulatorContext {
  readonly tenant: EmulatedTenant;
  /** `https://127.0.0.1:<port>`, known once the server listens; links and issuers are built on it. */
  readonly origin: () => string;
  /** The server's self-signed certificate, which `$batch` trusts when it sends sub-requests back through the server. */
  readonly ca: string;
}
