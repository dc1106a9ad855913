/**
 * Scopes on Microsoft Graph, in whichever cloud the bridge is pointed at.
 * A scope names its resource, and in a national cloud every scope that
 * names Graph, `.default` included, must use that cloud's own Graph service
 * root (Graph docs: concepts/sdks/national-clouds.md, "Permission scopes";
 * the roots are in concepts/deployments.md), so a token for the global
 * cloud's Graph is no token for another cloud's.
 */

/** The resource identifier of the Graph at `graphUrl`: its origin, without a path or a trailing slash. */
export function graphResource(graphUrl: string): string {
  return new URL(graphUrl).origin;
}

/** A delegated permission on that Graph, e.g. `Place.Read.All`, as a scope. */
export function graphScope(graphUrl: string, permission: string): string {
  return `${graphResource(graphUrl)}/${permission}`;
}

/** Everything the app registration lists on that Graph: what client credentials and admin consent ask for. */
export function graphDefaultScope(graphUrl: string): string {
  return graphScope(graphUrl, '.default');
}
