import { IdentityProblem } from './errors.ts';
import type { EmulatedApp } from './tenant.ts';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** The one scope the app exposes: its admin page calling the bridge as the signed-in admin. */
export const EXPOSED_SCOPE = 'access_as_user';

/** What a user's token for one resource grants. */
export interface ResourceGrant {
  /** The token's `aud`: Graph, or the app itself. */
  audience: string;
  /** Permission names: the token's `scp`. */
  scp: string[];
  /** The scopes as the answer's `scope` lists them: as the request named them, with `.default` spelled out. */
  granted: string[];
}

export interface RequestedScopes {
  /** The OpenID Connect scopes asked for (`openid`, `profile`, `email`, `offline_access`). */
  oidc: Set<string>;
  resources: ResourceGrant[];
}

/**
 * Reads a `scope` parameter: OpenID Connect scopes, and permissions on Graph
 * (a bare name means Graph) or on the app's own API (`api://{appId}/…` or
 * `{appId}/…`). Named Graph permissions are granted as asked, as dynamic
 * consent does; `.default` grants what the registration lists.
 */
export function requestedScopes(scope: string, client: EmulatedApp, tenantId: string, graphResource: string): RequestedScopes {
  const oidc = new Set<string>();
  const resources = new Map<string, ResourceGrant>();
  for (const value of scope.split(' ').filter(Boolean)) {
    if (OIDC_SCOPES.has(value.toLowerCase())) {
      oidc.add(value.toLowerCase());
      continue;
    }
    const slash = value.lastIndexOf('/');
    const [resource, name] = slash < 0 ? [graphResource, value] : [value.slice(0, slash), value.slice(slash + 1)];
    const audience = audienceOf(resource, client, graphResource);
    if (!audience) {
      throw new IdentityProblem('invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
    }
    const names = name === '.default' ? (audience === graphResource ? client.delegatedPermissions : [EXPOSED_SCOPE]) : [name];
    if (audience === client.appId && names.some((each) => each !== EXPOSED_SCOPE)) {
      throw new IdentityProblem('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${value} is not valid.`);
    }
    const grant = resources.get(audience) ?? { audience, scp: [], granted: [] };
    for (const each of names) {
      if (grant.scp.includes(each)) continue;
      grant.scp.push(each);
      grant.granted.push(slash < 0 ? each : `${resource}/${each}`);
    }
    resources.set(audience, grant);
  }
  return { oidc, resources: [...resources.values()] };
}

/**
 * The one resource a token is for: a token request may name only one, and
 * one that names none (only OpenID Connect scopes) gets a Graph token with
 * what the registration lists, as Microsoft's sign-in does.
 */
export function tokenResource(requested: RequestedScopes, client: EmulatedApp, scope: string, graphResource: string): ResourceGrant {
  const [first, ...others] = requested.resources;
  if (others.length > 0) {
    throw new IdentityProblem('invalid_scope', 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`);
  }
  return first ?? { audience: graphResource, scp: [...client.delegatedPermissions], granted: [...client.delegatedPermissions] };
}

function audienceOf(resource: string, client: EmulatedApp, graphResource: string): string | undefined {
  if (resource.replace(/\/+$/, '').toLowerCase() === graphResource.toLowerCase()) return graphResource;
  if (resource === client.appId || resource === `api://${client.appId}`) return client.appId;
  return undefined;
}
