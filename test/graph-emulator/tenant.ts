import { BatchConcurrency } from './batch-concurrency.ts';
import { CalendarShares, type CalendarRole } from './calendar-sharing.ts';
import { keyCredentialOf, type EmulatedKeyCredential } from './certificates.ts';
import type { EmulatedEvent } from './events.ts';
import type { InjectedFault } from './faults.ts';
import type { ResponseMessage } from './responses.ts';
import { CalendarModel, type MailboxDirectory } from './meetings.ts';
import { meetingDraft, meetingPatch, type MeetingChange, type MeetingRequest } from './outlook-meetings.ts';
import type { EmulatedUser, InteractionAadsts } from './users.ts';

/** A person's, a service's or (as EmulatedRoom) a room's mailbox. */
export interface EmulatedMailbox {
  id: string;
  displayName: string;
  emailAddress: string;
  /**
   * The app may not reach this mailbox: Graph answers every request on it as
   * when the mailbox is missing (`not-found`), an application access policy
   * (`access-denied`) or RBAC for Applications (`outside-rbac-scope`) leaves
   * it out, or it is not an Exchange Online mailbox (`rest-not-enabled`: an
   * on-premises one, say). See mailbox-access.ts.
   */
  unreachable?: 'not-found' | 'access-denied' | 'outside-rbac-scope' | 'rest-not-enabled';
}

/** Set-CalendarProcessing, as far as it shapes what Lintel sees. */
export interface CalendarProcessing {
  /** Accept invitations when free, decline conflicts. */
  autoAccept: boolean;
  deleteSubject: boolean;
  /** With deleteSubject, the room's copy is titled with the organizer's name. */
  addOrganizerToSubject: boolean;
  /**
   * Requests wait for a resource delegate (AllRequestInPolicy with
   * ResourceDelegates): the room holds the slot and answers
   * tentativelyAccepted instead of accepted.
   */
  answerTentatively: boolean;
  /** RemoveCanceledMeetings: false keeps a cancelled meeting on the room's calendar, marked isCancelled. */
  removeCanceledMeetings: boolean;
}

export interface EmulatedRoom extends EmulatedMailbox {
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  /** Hidden from the address list: Places never returns it. */
  hiddenFromAddressList?: boolean;
  calendarProcessing: CalendarProcessing;
}

export interface EmulatedRoomList {
  id: string;
  displayName: string;
  emailAddress: string;
  roomEmails: string[];
}

export interface EmulatedPasswordCredential {
  keyId: string;
  displayName: string | null;
  /** The secret's first three characters. */
  hint: string;
  /** ISO instant. */
  startDateTime: string;
  /** ISO instant. */
  endDateTime: string;
  /** Graph shows it only in addPassword's answer. */
  secretText: string;
}

export interface EmulatedApp {
  /** The application object's id (Graph's /applications/{id}). */
  id: string;
  appId: string;
  displayName: string;
  passwordCredentials: EmulatedPasswordCredential[];
  keyCredentials: EmulatedKeyCredential[];
  servicePrincipalId: string;
  servicePrincipal: 'enabled' | 'disabled' | 'deleted';
  adminConsented: boolean;
  /** Application permissions granted (app roles). */
  roles: string[];
  /** Delegated Graph permissions in the registration: what `https://graph.microsoft.com/.default` grants a signed-in user. */
  delegatedPermissions: string[];
  /** Redirect URIs of the single-page application platform: the admin page signs in with MSAL through them. */
  redirectUris: string[];
  /** Redirect URIs of the Web platform: a confidential client (the bridge) redeems their codes with its credential. */
  webRedirectUris: string[];
  /** Delegated permissions users granted the app for themselves (Principal oauth2PermissionGrants), by user object id. */
  userConsents: Map<string, Set<string>>;
  /**
   * The manifest's `accessTokenAcceptedVersion` for tokens to the app's own
   * API: 2 gives v2.0 tokens; 1 (or Entra's default, null) gives v1.0 ones,
   * issued by `https://sts.windows.net/{tenant}/`.
   */
  accessTokenAcceptedVersion: 1 | 2;
}

/** What Places may do within its documentation (api-reference/v1.0/api/place-list.md). */
export interface PlacesQuirks {
  /** Pages carry an `@odata.nextLink`; without it only `$top` and `$skip` page, which is all the doc promises. */
  nextLink: boolean;
  /** Capacities come as strings ("50"), as in the doc's own examples, though room.md types them Int32. */
  capacityAsString: boolean;
}

export interface DeltaQuirks {
  /** Entries of a delta round come in random order. */
  shuffle: boolean;
  /** An event changed more than once also comes in an older version, after the newer one. */
  repeat: boolean;
}

/**
 * A programmable Microsoft 365 tenant for the Graph emulator: mailboxes and
 * rooms with their calendars, the Lintel application with its credentials and
 * service principal, and the faults a real tenant shows. Its helpers act as
 * Exchange users would, through the same calendar model as Graph's routes.
 */
export class EmulatedTenant implements MailboxDirectory {
  readonly tenantId: string;
  /** The tenant's clock: tokens, secrets, certificates, events and delta tokens all age by it. */
  now: () => number;
  readonly rooms: EmulatedRoom[] = [];
  /** People's and service mailboxes. */
  readonly mailboxes: EmulatedMailbox[] = [];
  readonly roomLists: EmulatedRoomList[] = [];
  readonly apps = new Map<string, EmulatedApp>();
  /** Faults served, in order, to the next Graph requests they match. */
  readonly faults: InjectedFault[] = [];
  /** Whether `$batch` runs sub-requests in parallel, and how many ran on each mailbox at once. */
  readonly batches = new BatchConcurrency();
  deltaQuirks: DeltaQuirks = { shuffle: false, repeat: false };
  placesQuirks: PlacesQuirks = { nextLink: true, capacityAsString: false };
  /**
   * How a delta round is refused (delta.ts): `answer` is the shape, 410
   * SyncStateNotFound (what Exchange sends for a forgotten token), 400
   * resyncRequired, or 410 with a Location to start over from; `everyRound`
   * refuses every round so, even a fresh one: a mailbox that cannot be synced.
   */
  deltaRefusal: { answer: 'sync-state-not-found' | 'resync-required' | 'gone-with-location'; everyRound: boolean } = { answer: 'sync-state-not-found', everyRound: false };
  /**
   * Zone names as this tenant's Graph treats them. `documentedOnly`: `Prefer:
   * outlook.timezone` takes only the names Graph documents (Windows zones and
   * a list of IANA names), refusing the rest. `answerIn`: event times come in
   * this zone (a Windows name, as Exchange keeps a mailbox's), whatever was preferred.
   */
  timeZoneQuirks: { documentedOnly: boolean; answerIn: string | null } = { documentedOnly: false, answerIn: null };
  readonly calendars: CalendarModel;
  readonly users: EmulatedUser[] = [];
  /** Default calendars shared with users in Outlook (shareCalendar). */
  readonly calendarShares = new CalendarShares();
  /** The admin answers the next admin consent prompt with Cancel. */
  declineNextConsent = false;
  #signedIn: EmulatedUser | null = null;
  #deltaTokenGeneration = 0;
  readonly #requests = new Map<string, number>();

  constructor(tenantId: string = crypto.randomUUID(), now: () => number = Date.now) {
    this.tenantId = tenantId;
    this.now = now;
    this.calendars = new CalendarModel(this, () => this.now());
  }

  addMailbox(mailbox: Partial<EmulatedMailbox> & { displayName: string; emailAddress: string }): EmulatedMailbox {
    const full: EmulatedMailbox = { id: crypto.randomUUID(), ...mailbox };
    this.mailboxes.push(full);
    return full;
  }

  addRoom(room: Partial<Omit<EmulatedRoom, 'calendarProcessing'>> & { displayName: string; calendarProcessing?: Partial<CalendarProcessing> }): EmulatedRoom {
    const slug = room.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const full: EmulatedRoom = {
      id: crypto.randomUUID(),
      emailAddress: `${slug}@contoso.example`,
      capacity: null,
      building: null,
      floorNumber: null,
      ...room,
      calendarProcessing: { autoAccept: true, deleteSubject: false, addOrganizerToSubject: false, answerTentatively: false, removeCanceledMeetings: true, ...room.calendarProcessing },
    };
    this.rooms.push(full);
    return full;
  }

  addRoomList(list: Partial<EmulatedRoomList> & { displayName: string; emailAddress: string; roomEmails: string[] }): EmulatedRoomList {
    const full: EmulatedRoomList = { id: crypto.randomUUID(), ...list };
    this.roomLists.push(full);
    return full;
  }

  /** An app with a client secret, a certificate (PEM), or both. */
  addApp(
    app: Partial<Omit<EmulatedApp, 'passwordCredentials' | 'keyCredentials'>> & { secret?: string; secretEndDateTime?: string; certificatePem?: string },
  ): EmulatedApp {
    const { secret, secretEndDateTime, certificatePem, ...rest } = app;
    const full: EmulatedApp = {
      id: crypto.randomUUID(),
      appId: crypto.randomUUID(),
      displayName: 'Lintel',
      servicePrincipalId: crypto.randomUUID(),
      servicePrincipal: 'enabled',
      adminConsented: true,
      roles: ['Calendars.ReadWrite', 'Place.Read.All'],
      delegatedPermissions: ['User.Read', 'Place.Read.All'],
      redirectUris: [],
      webRedirectUris: [],
      userConsents: new Map(),
      accessTokenAcceptedVersion: 2,
      ...rest,
      passwordCredentials: [],
      keyCredentials: certificatePem ? [keyCredentialOf(certificatePem)] : [],
    };
    if (secret !== undefined) {
      const start = new Date(this.now()).toISOString();
      full.passwordCredentials.push({ keyId: crypto.randomUUID(), displayName: null, hint: secret.slice(0, 3), startDateTime: start, endDateTime: new Date(secretEndDateTime ?? '9999-12-31T23:59:59Z').toISOString(), secretText: secret });
    }
    this.apps.set(full.appId, full);
    return full;
  }

  addUser(user: { displayName: string; userPrincipalName: string; isAdmin?: boolean; appRoles?: string[] }): EmulatedUser {
    const full: EmulatedUser = { id: crypto.randomUUID(), ...user, isAdmin: user.isAdmin ?? false, appRoles: user.appRoles ?? [], signInSessionsValidFrom: null, interactionRequired: null };
    this.users.push(full);
    return full;
  }

  /** A user by object id or user principal name, ignoring case. */
  user(idOrUpn: string): EmulatedUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.find((user) => user.id === key || user.userPrincipalName.toLowerCase() === key);
  }

  /**
   * The browser's session at the identity platform: the user /authorize signs
   * in without asking. With null nobody is signed in, and nobody is at the
   * keyboard to sign in either, so even an interactive request cannot finish.
   */
  signInAs(userPrincipalName: string | null): void {
    const user = userPrincipalName === null ? null : this.user(userPrincipalName);
    if (user === undefined) throw new Error(`No user ${userPrincipalName} in the tenant`);
    this.#signedIn = user;
  }

  get signedInUser(): EmulatedUser | null {
    return this.#signedIn;
  }

  /**
   * Graph's user: revokeSignInSessions, an admin's or the user's (Graph docs:
   * api/user-revokesigninsessions.md): refresh tokens of the user's sign-ins
   * until now stop working. A password the user changes revokes no
   * confidential client's refresh token (identity platform docs:
   * refresh-tokens.md, "Token revocation").
   */
  revokeSignInSessions(userPrincipalName: string): void {
    this.#existingUser(userPrincipalName).signInSessionsValidFrom = this.now();
  }

  /**
   * A Conditional Access policy now wants more of the user: refreshing any
   * sign-in made until now is refused with `aadsts` (50076: MFA; 53003:
   * blocked) until they sign in interactively again, which meets the policy.
   */
  requireInteraction(userPrincipalName: string, aadsts: InteractionAadsts): void {
    this.#existingUser(userPrincipalName).interactionRequired = { aadsts, since: this.now() };
  }

  /** The owner shares the default calendar of their mailbox (a room's too) with a user in Outlook, who accepts. */
  shareCalendar(ownerMailbox: string, withUpn: string, role: CalendarRole): void {
    this.calendarShares.share(this.#existing(ownerMailbox).emailAddress, this.#existingUser(withUpn).userPrincipalName, role);
  }

  unshareCalendar(ownerMailbox: string, withUpn: string): void {
    this.calendarShares.unshare(this.#existing(ownerMailbox).emailAddress, this.#existingUser(withUpn).userPrincipalName);
  }

  /** A mailbox (room or not) by id or address, ignoring case. */
  mailbox(idOrAddress: string): EmulatedMailbox | undefined {
    const key = idOrAddress.toLowerCase();
    return [...this.rooms, ...this.mailboxes].find((mailbox) => mailbox.id.toLowerCase() === key || mailbox.emailAddress.toLowerCase() === key);
  }

  room(idOrAddress: string): EmulatedRoom | undefined {
    const key = idOrAddress.toLowerCase();
    return this.rooms.find((room) => room.id.toLowerCase() === key || room.emailAddress.toLowerCase() === key);
  }

  /** Books a meeting in Outlook as `organizerAddress`: the rooms process it at once. Returns the organizer's event. */
  scheduleMeeting(organizerAddress: string, meeting: MeetingRequest): EmulatedEvent {
    return this.calendars.create(this.#existing(organizerAddress), meetingDraft(this, meeting)).event;
  }

  /** The organizer edits the meeting in Outlook; attendees' copies follow and rooms process a new time. */
  updateMeeting(organizerAddress: string, eventId: string, change: MeetingChange): EmulatedEvent {
    const organizer = this.#existing(organizerAddress);
    return this.calendars.update(organizer, eventId, meetingPatch(this.calendars.get(organizer, eventId), change));
  }

  /** The organizer cancels the meeting in Outlook: it leaves every calendar. */
  cancelMeeting(organizerAddress: string, eventId: string): void {
    this.calendars.cancel(this.#existing(organizerAddress), eventId);
  }

  /** The events a mailbox's calendar holds now, by start. */
  eventsOf(mailboxAddress: string): EmulatedEvent[] {
    return this.calendars.store.list(this.#existing(mailboxAddress).emailAddress);
  }

  /** The answers (accepted, declined...) with their comments that reached a mailbox as the organizer, oldest first. */
  responsesTo(mailboxAddress: string): ResponseMessage[] {
    const address = this.#existing(mailboxAddress).emailAddress.toLowerCase();
    return this.calendars.responses.filter((message) => message.to === address);
  }

  /** Every delta token issued so far is refused (see deltaRefusal) from now on, as after Exchange drops sync state. */
  expireDeltaTokens(): void {
    this.#deltaTokenGeneration++;
  }

  get deltaTokenGeneration(): number {
    return this.#deltaTokenGeneration;
  }

  /** Graph requests that addressed this mailbox (`/users/{it}/...`), including refused and faulted ones. */
  requestCount(mailboxAddress: string): number {
    return this.#requests.get(mailboxAddress.toLowerCase()) ?? 0;
  }

  recordRequest(mailboxAddress: string): void {
    const key = mailboxAddress.toLowerCase();
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
  }

  #existing(address: string): EmulatedMailbox {
    const mailbox = this.mailbox(address);
    if (!mailbox) throw new Error(`No mailbox ${address} in the tenant`);
    return mailbox;
  }

  #existingUser(userPrincipalName: string): EmulatedUser {
    const user = this.user(userPrincipalName);
    if (!user) throw new Error(`No user ${userPrincipalName} in the tenant`);
    return user;
  }
}
