import { ROLES, CalendarStore, type AclScope, type CalendarRole, type EmulatedCalendar } from './calendar-store.ts';
import { generatedResourceName, makeResource, type EmulatedBuilding, type EmulatedResource, type EmulatedUser, type ResourceOptions } from './directory.ts';
import { renderEvent } from './event-json.ts';
import { findView } from './event-views.ts';
import { deleteEvent, insertEvent } from './event-writes.ts';
import type { InjectedFault } from './faults.ts';
import { keyFileOf, newServiceAccount, newServiceAccountKey, type EmulatedServiceAccount, type ServiceAccountKeyFile } from './service-accounts.ts';

/** An access token the token endpoint issued. */
export interface AccessToken {
  token: string;
  serviceAccount: string;
  /** The impersonated user (`sub`), with domain-wide delegation. */
  subject?: string;
  scopes: string[];
  expiresAt: number;
}

/** One request any part of the emulator served. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** Who made it, once its bearer token was read. */
  principal?: { serviceAccount: string; subject?: string };
  status?: number;
  at: number;
}

export interface WorkspaceOptions {
  domain?: string;
  customerId?: string;
  /** Zone of calendars made without one. */
  timeZone?: string;
  now?: () => number;
  /** Sync tokens older than this answer 410; unset: they never expire. */
  syncTokenLifetimeMs?: number;
}

/**
 * A Google Workspace for the emulator: its domain, users, service accounts
 * with their keys and domain-wide delegation, buildings and resource
 * calendars, calendars with their sharing and events, a clock, a log of
 * requests and a queue of faults. Tests set it up through its helpers, which
 * act through the same calendar model as the API.
 */
export class EmulatedWorkspace {
  readonly domain: string;
  readonly customerId: string;
  readonly timeZone: string;
  now: () => number;
  /** The token endpoint's URL, set when the emulator starts; `token_uri` of key files. */
  tokenUrl = 'https://oauth2.googleapis.com/token';
  syncTokenLifetimeMs?: number;
  readonly store = new CalendarStore(() => this.now());
  readonly users = new Map<string, EmulatedUser>();
  readonly serviceAccounts = new Map<string, EmulatedServiceAccount>();
  readonly buildings: EmulatedBuilding[] = [];
  readonly resources: EmulatedResource[] = [];
  readonly accessTokens = new Map<string, AccessToken>();
  readonly requestLog: RequestRecord[] = [];
  readonly faults: InjectedFault[] = [];

  constructor(options: WorkspaceOptions = {}) {
    this.domain = options.domain ?? 'example.com';
    this.customerId = options.customerId ?? 'C03az79cb';
    this.timeZone = options.timeZone ?? 'UTC';
    this.now = options.now ?? (() => Date.now());
    this.syncTokenLifetimeMs = options.syncTokenLifetimeMs;
  }

  /** A user with a primary calendar (id: their email) they own. `email` may be a local part. */
  addUser(options: { email: string; name?: string; isAdmin?: boolean; timeZone?: string }): EmulatedUser {
    const email = (options.email.includes('@') ? options.email : `${options.email}@${this.domain}`).toLowerCase();
    const user: EmulatedUser = { email, name: options.name ?? email.split('@')[0]!, isAdmin: options.isAdmin ?? false };
    this.users.set(email, user);
    this.store.addCalendar({ id: email, summary: email, timeZone: options.timeZone ?? this.timeZone, acl: [{ scope: { type: 'user', value: email }, role: 'owner' }] });
    return user;
  }

  /** A service account with one fresh key, and that key's JSON key file. `delegatedScopes` grants domain-wide delegation for them. */
  addServiceAccount(options: { name?: string; projectId?: string; delegatedScopes?: string[] } = {}): { account: EmulatedServiceAccount; keyFile: ServiceAccountKeyFile } {
    const account = newServiceAccount(options.name ?? `lintel-${this.serviceAccounts.size + 1}`, options.projectId ?? 'lintel-test');
    if (options.delegatedScopes) account.delegatedScopes = [...options.delegatedScopes];
    this.serviceAccounts.set(account.clientEmail, account);
    return { account, keyFile: this.keyFile(account.clientEmail) };
  }

  private account(clientEmail: string): EmulatedServiceAccount {
    const account = this.serviceAccounts.get(clientEmail);
    if (!account) throw new Error(`no service account ${clientEmail}`);
    return account;
  }

  /** The key file of one of an account's keys (its newest by default), naming the emulator's token endpoint. */
  keyFile(clientEmail: string, keyId?: string): ServiceAccountKeyFile {
    const account = this.account(clientEmail);
    const key = keyId ? account.keys.find((candidate) => candidate.keyId === keyId) : account.keys.at(-1);
    if (!key) throw new Error(`no key ${keyId ?? ''} on ${clientEmail}`);
    return keyFileOf(account, key, this.tokenUrl);
  }

  addServiceAccountKey(clientEmail: string): ServiceAccountKeyFile {
    const account = this.account(clientEmail);
    account.keys.push(newServiceAccountKey());
    return this.keyFile(clientEmail);
  }

  deleteServiceAccountKey(clientEmail: string, keyId: string): void {
    const key = this.account(clientEmail).keys.find((candidate) => candidate.keyId === keyId);
    if (key) key.deleted = true;
  }

  /** Domain-wide delegation as a super administrator grants it: these scopes for the account's client id; `undefined` withdraws it. */
  delegateDomainWide(clientEmail: string, scopes: string[] | undefined): void {
    const account = this.account(clientEmail);
    if (scopes) account.delegatedScopes = [...scopes];
    else delete account.delegatedScopes;
  }

  addBuilding(building: Partial<EmulatedBuilding> & { buildingId: string }): EmulatedBuilding {
    const added: EmulatedBuilding = { buildingName: building.buildingId, floorNames: ['1'], ...building };
    this.buildings.push(added);
    return added;
  }

  /** A resource and its calendar (id: its `resourceEmail`), which everyone in the domain may read unless `domainRole` says otherwise. */
  addResource(options: ResourceOptions): EmulatedResource {
    const resource = makeResource(options, this.store, this.domain, this.timeZone);
    this.resources.push(resource);
    return resource;
  }

  generatedResourceName(resource: EmulatedResource): string {
    return generatedResourceName(resource, this.buildings.find((building) => building.buildingId === resource.buildingId));
  }

  /** Adds an ACL rule (Acl resource): `who` is an email, `{ domain }`, or `'default'` (public). */
  share(calendarId: string, who: string | { domain: string } | 'default', role: CalendarRole): void {
    const calendar = this.calendar(calendarId);
    const scope: AclScope = who === 'default' ? { type: 'default' } : typeof who === 'string' ? { type: 'user', value: who.toLowerCase() } : { type: 'domain', value: who.domain };
    calendar.acl = calendar.acl.filter((rule) => JSON.stringify(rule.scope) !== JSON.stringify(scope));
    calendar.acl.push({ scope, role });
  }

  calendar(calendarId: string): EmulatedCalendar {
    const calendar = this.store.calendar(calendarId);
    if (!calendar) throw new Error(`no calendar ${calendarId}`);
    return calendar;
  }

  /** A principal's strongest role on a calendar through its ACL rules. */
  roleOf(email: string, calendarId: string): CalendarRole {
    const calendar = this.store.calendar(calendarId);
    const who = email.toLowerCase();
    let best: CalendarRole = 'none';
    for (const rule of calendar?.acl ?? []) {
      const applies =
        rule.scope.type === 'default' ||
        (rule.scope.type === 'user' && rule.scope.value === who) ||
        (rule.scope.type === 'domain' && who.endsWith(`@${rule.scope.value}`));
      if (applies && ROLES.indexOf(rule.role) > ROLES.indexOf(best)) best = rule.role;
    }
    return best;
  }

  /** Puts an event on a calendar as `as` (default: the calendar's own user) would through Events: insert; answers its JSON. */
  addEvent(calendarId: string, body: Record<string, unknown>, as?: string): Record<string, unknown> {
    const copy = insertEvent(this.store, calendarId, body, { email: as ?? calendarId, serviceAccountWithoutDelegation: false });
    return this.event(calendarId, copy.event.id)!;
  }

  /** Deletes an event (or one instance of a series) from a calendar as its owner would through Events: delete. */
  removeEvent(calendarId: string, eventId: string): void {
    deleteEvent(this.store, calendarId, eventId);
  }

  /** An event (or instance) as the calendar's owner sees it. */
  event(calendarId: string, eventId: string): Record<string, unknown> | undefined {
    const calendar = this.calendar(calendarId);
    const view = findView(this.store, calendar.id, eventId);
    return view && renderEvent(view, { calendar, role: 'owner', email: calendar.id, timeZone: calendar.timeZone }, this.store);
  }

  /** Every sync token handed out so far answers 410 from now on (Calendar "Synchronize resources efficiently" § Full sync required by server). */
  invalidateSyncTokens(): void {
    this.store.syncGeneration += 1;
  }

  injectFault(fault: InjectedFault): void {
    this.faults.push({ ...fault });
  }

  /** The requests served, optionally only those to paths matching `path` and with `method`. */
  requests(filter: { method?: string; path?: string | RegExp } = {}): RequestRecord[] {
    return this.requestLog.filter(
      (record) =>
        (!filter.method || record.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || (typeof filter.path === 'string' ? record.path.startsWith(filter.path) : filter.path.test(record.path))),
    );
  }
}
