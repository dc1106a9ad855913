import type { EmulatedApp } from './tenant.ts';

/** A person in the tenant's directory who can sign in. */
export interface EmulatedUser {
  /** The user's object id: the `oid` of their tokens. */
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** A Global or Privileged Role Administrator: may grant admin consent for the whole tenant. */
  isAdmin: boolean;
  /** App roles assigned to the user in Lintel's enterprise application ("Users and groups"): the `roles` of their tokens for its API. */
  appRoles: string[];
}

/**
 * Whether the app may act for the user: the tenant-wide admin consent covers
 * everyone, and an admin consents for themselves when signing in; anyone else
 * would be asked for a consent only an admin can give.
 */
export function consentCovers(app: EmulatedApp, user: EmulatedUser): boolean {
  return app.adminConsented || user.isAdmin;
}
