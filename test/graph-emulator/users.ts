import type { EmulatedApp } from './tenant.ts';

/** What the identity platform answers a refresh with while a policy wants the user to sign in again: MFA (50076) or a Conditional Access block (53003). */
export type InteractionAadsts = 50076 | 53003;

/**
 * Delegated Graph permissions a user may grant an app for themselves; any
 * other needs an admin (Graph docs: concepts/permissions-reference.md, "Admin
 * consent required: No" for these; Place.Read.All is Yes).
 */
const USER_CONSENTABLE = new Set(['User.Read', 'Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared']);

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
  /** Graph's signInSessionsValidFromDateTime on the tenant clock: refresh tokens of sign-ins before it are revoked. */
  signInSessionsValidFrom: number | null;
  /** Since when refreshing a sign-in made before `since` is refused until the user signs in interactively again. */
  interactionRequired: { aadsts: InteractionAadsts; since: number } | null;
}

/**
 * Whether the app may act for the user with `permissions`: the tenant-wide
 * admin consent covers everyone, an admin consents for themselves when
 * signing in, and anyone else covers what they consented to themselves.
 */
export function consentCovers(app: EmulatedApp, user: EmulatedUser, permissions: readonly string[]): boolean {
  if (app.adminConsented || user.isAdmin) return true;
  const own = app.userConsents.get(user.id);
  return permissions.every((permission) => own?.has(permission));
}

/**
 * The user at the consent prompt accepts, which is recorded for the app, when
 * every permission is one a user may grant; otherwise nothing is recorded and
 * false says an admin must consent (identity platform docs: consent-types-developer.md).
 */
export function consentForSelf(app: EmulatedApp, user: EmulatedUser, permissions: readonly string[]): boolean {
  if (!permissions.every((permission) => USER_CONSENTABLE.has(permission))) return false;
  app.userConsents.set(user.id, new Set([...(app.userConsents.get(user.id) ?? []), ...permissions]));
  return true;
}
