import type { AdminDevice, AuditAction, ConnectionState } from '../../../../shared/admin-api.ts';
import type { ProblemKind } from '../../../../shared/constants.ts';
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { RoomAccess } from '../../../../shared/model.ts';

/**
 * Every text of the admin page, apart from the display's so the display
 * bundle never carries them. Each language is checked against this shape by
 * the compiler; dates and numbers arrive formatted by Intl.
 */
export interface AdminMessages {
  pageTitle: string;
  language: string;
  loading: string;
  tryAgain: string;
  cancel: string;
  dismiss: string;
  never: string;
  /** A date the bridge does not know. */
  unknown: string;
  /** An error code's text where the display's wording does not fit an admin; the rest come from the display's texts. */
  errors: Partial<Record<ErrorCode, string>> & { unreachable: string };
  bridgeSays: (message: string) => string;
  retryIn: (seconds: string) => string;
  configUnavailable: string;

  signedInAs: (name: string) => string;
  signedInWithToken: string;
  signOut: string;
  signInHeading: string;
  /** Above the ways in when Microsoft 365 is set up on the bridge. */
  signInIntro: string;
  /** Above the local admin token on a bridge without Microsoft 365: it does not name Microsoft 365. */
  signInIntroLocal: string;
  signInWithMicrosoft: string;
  signInFailed: (reason: string) => string;
  firstTimeConsent: string;
  grantConsent: string;
  localTokenHeading: string;
  localTokenHelp: string;
  /** After localTokenHelp, when Microsoft 365 is set up: the token is the way in while it is not working. */
  localTokenWithoutM365: string;
  /** The console's one-time sign-in link and its QR code, for a phone. */
  signInLinkHelp: string;
  signingInByLink: string;
  /** Why a one-time sign-in link did not sign in. */
  signInLinkRefused: { expired: string; used: string; unknown: string };
  localTokenLabel: string;
  useToken: string;
  needsSignIn: string;
  signInAgain: string;

  consentGranted: string;
  consentRefused: (reason: string) => string;
  consentStateMismatch: string;

  connectionHeading: string;
  /** A bridge without Microsoft 365: its calendars in one line, and the way to the services it can connect. */
  calendarServicesHeading: string;
  calendarsLocal: string;
  connectCalendarService: string;
  connection: Record<ConnectionState['state'], string>;
  /** Why the bridge is not connected; a broken connection is worded by its warning's title. */
  connectionReasons: { notConfigured: string; revoked: (by: string, at: string) => string; notSignedIn: string; consentWithdrawn: string; noAccount: string };
  /** Microsoft's (or the bridge's) own words about a problem, which stay in English. */
  technicalDetails: (detail: string) => string;
  checkStatus: string;
  checking: string;
  checked: string;
  connectMicrosoft365: string;

  /** The Microsoft account the bridge acts as with delegated permissions. */
  accountHeading: string;
  accountIntro: string;
  accountLabel: string;
  accountConnectedSince: string;
  accountConnectedBy: string;
  lastTokenRefresh: string;
  redirectUriLabel: string;
  redirectUriHint: string;
  connectAccount: string;
  reconnectAccount: string;
  openingSignIn: string;
  removeAuthorization: string;
  removeAuthorizationConfirm: (account: string) => string;
  confirmRemoveAuthorization: string;
  authorizationRemoved: string;
  /** How connecting the account went, as the page reads it on coming back from Microsoft. */
  accountConnected: (account: string) => string;
  accountNotConnected: (reason: string) => string;
  accountReturnUnrequested: string;

  /** The calendars the connected account reaches, to link to rooms or choose for pairing. */
  calendarsHeading: string;
  calendarsIntro: string;
  calendarsMissing: (account: string) => string;
  refreshCalendars: string;
  noCalendars: string;
  mailbox: string;
  access: string;
  canEdit: string;
  readOnly: string;
  calendarNotLinked: string;
  roomToLink: string;
  linkCalendar: string;
  linkCalendarOf: (name: string) => string;
  calendarLinked: (room: string) => string;
  /** Why a calendar cannot be linked. */
  calendarReadOnly: string;
  calendarNotMain: string;
  chooseCalendar: (name: string) => string;
  noCalendarChosen: string;

  warningsHeading: string;
  whatToDo: string;
  /** One line per problem the bridge detects. */
  warningTitles: Record<IntegrationWarningCode, string>;
  /** What the admin does about it; buttons are named exactly as this language labels them. */
  warningFixes: Record<IntegrationWarningCode, string>;
  since: (time: string) => string;
  forRoom: (room: string) => string;

  credentialsHeading: string;
  credentialKind: Record<'secret' | 'certificate', string>;
  credentialType: string;
  expires: string;
  lastCheck: string;
  lastRenewal: string;
  lastError: string;
  noCredential: string;
  /** With delegated permissions the bridge reports no credential: it cannot read its own application. */
  delegatedCredential: string;
  renewCredentials: string;
  renewing: string;
  renewed: string;
  revokeIntegration: string;
  revokeConfirm: string;
  confirmRevoke: string;
  revoked: string;

  pairHeading: string;
  pairIntro: string;
  codeLabel: string;
  codeHint: string;
  codeWrongLength: (count: string) => string;
  codeWrongCharacters: (characters: string) => string;
  roomLegend: string;
  m365RoomOption: (name: string) => string;
  noM365RoomChosen: string;
  bridgeRoomOption: string;
  bridgeRoomLabel: string;
  /** The room pickers' first line: no room is chosen for the admin. */
  chooseARoom: string;
  /** Why Link now waits. */
  chooseRoomFirst: string;
  /** Linking a display to a Google Workspace room (GET /google/rooms lists them). */
  googleRoomOption: string;
  googleRoomLabel: string;
  findingGoogleRooms: string;
  noGoogleRooms: string;
  linkNow: string;
  linking: string;
  linked: (room: string) => string;

  exportBookings: string;
  exportOffer: (count: string) => string;
  exportProgress: string;
  exportStatus: (done: string, total: string) => string;
  exportDone: (exported: string) => string;
  exportFailed: (reason: string) => string;
  refusedHeading: string;

  discoverHeading: string;
  discoverRooms: string;
  rediscoverRooms: string;
  discovering: string;
  discoveryNeedsMicrosoft: string;
  discoveryFailed: (reason: string) => string;
  searchLabel: string;
  searchPlaceholder: string;
  roomListLabel: string;
  allRooms: string;
  roomsFound: (count: string) => string;
  pageOf: (page: string, pages: string) => string;
  previousPage: string;
  nextPage: string;
  noRoomsMatch: string;
  name: string;
  email: string;
  capacity: string;
  building: string;
  choose: string;
  chooseRoom: (name: string) => string;
  chosen: string;
  missingRoomsHeading: string;
  missingRoomsNew: string;
  missingRoomsHidden: string;

  roomsHeading: string;
  /** How the rooms' table opens a room. */
  roomsHint: string;
  floor: string;
  /** A floor number, formatted, as a phone's narrow table shows it under the room's name. */
  onFloor: (floor: string) => string;
  seats: (count: string) => string;
  room: string;
  calendar: string;
  localBookings: string;
  /** A room's calendar on a remote server, by its kind (shown before where it is). */
  calendarKinds: Record<'google' | 'caldav' | 'ics', string>;
  lastSynced: string;
  displays: string;
  pendingChanges: string;
  actions: string;
  remove: string;
  removeRoom: (room: string) => string;
  removeConfirm: (room: string) => string;
  confirmRemove: string;
  removed: string;
  takeCalendarOf: (name: string) => string;
  chooseM365First: string;
  noRooms: string;
  /** Who may read a room's meetings and act on it. */
  roomAccess: string;
  roomAccessNames: Record<RoomAccess, string>;
  /** One line each, beginning with the name of the choice it explains. */
  roomAccessMeanings: Record<RoomAccess, string>;
  /** A rooms file states a room's access again at every start of the bridge. */
  roomAccessFileWins: string;
  accessChanged: string;
  /** The devices the hardware policy drives in a room, on its card. */
  devicesHeading: string;
  deviceKinds: Record<AdminDevice['kind'], string>;
  deviceConnection: string;
  deviceConnected: string;
  deviceNotConnected: string;
  deviceLastContact: string;
  devicePower: string;
  /** The screen's power as last read back; an unknown one is `unknown`. */
  devicePowerStates: Record<NonNullable<AdminDevice['power']>, string>;
  /** The display controller's fault codes (DisplayFaultCode in bridge/src/devices/display-control/display-channel.ts). */
  deviceFaults: Record<'unreachable' | 'no-answer' | 'refused' | 'garbage' | 'disconnected' | 'not-installed' | 'ignores-standby' | 'power-unknown' | 'failed', string>;
  /** A code without words of its own (a base unit's protocol's), as it came. */
  deviceFaultCode: (code: string) => string;
  /** `ago`: a relative time, "5 minutes ago"; `what`: the fault in words. The device's own text follows as technicalDetails. */
  deviceLastFault: (ago: string, what: string) => string;

  displaysHeading: string;
  display: string;
  linkedAt: string;
  status: string;
  online: string;
  offline: string;
  /** `ago`: a relative time, "5 minutes ago", in the admin's language. */
  lastContact: (ago: string) => string;
  notLinked: string;
  unlink: string;
  unlinkDisplay: (id: string) => string;
  unlinkConfirm: string;
  confirmUnlink: string;
  unlinked: string;
  noDisplays: string;
  address: string;
  /** The secret a display proves itself with, made when it is linked with a pairing code; not the bridge's Microsoft 365 credential. */
  displayCredential: string;
  credentialMade: (ago: string) => string;
  noDisplayCredential: string;
  forget: string;
  forgetDisplay: (id: string) => string;
  /** An admin names a display, as the displays table shows it. */
  rename: string;
  renameDisplay: (display: string) => string;
  displayNameLabel: string;
  saveName: string;
  renamed: string;
  /** Identify: the display shows its name full-screen for a while, to find which screen it is. */
  identify: string;
  identifyDisplay: (display: string) => string;
  identified: string;
  displayNameHint: string;
  forgetConfirm: string;
  confirmForget: string;
  forgotten: string;
  /** A display offline for a long time; `days`: how long, "31 days", in the admin's language. */
  notSeenFor: (days: string) => string;
  /** The one button that forgets every stale display; `days`: "30 days"; `count`: how many it forgets. */
  forgetStale: (days: string, count: string) => string;
  forgetStaleConfirm: (days: string, count: string) => string;
  confirmForgetStale: string;
  /** `count`: how many the bridge forgot (0 when they all came back meanwhile). */
  staleForgotten: (count: string) => string;
  /** The rooms table's displays column: a room without a linked display. */
  noLinkedDisplays: string;

  /** Problems people reported on the rooms' displays; columns reuse `when`, `room`, `what` and `status`. */
  problemsHeading: string;
  problemsIntro: string;
  noProblems: string;
  refreshProblems: string;
  note: string;
  problemKinds: Record<ProblemKind, string>;
  problemOpen: string;
  resolve: string;
  /** `kind`: a problemKinds text. Begins with, or holds, `resolve`, the button's visible text. */
  resolveProblem: (kind: string, room: string) => string;
  resolvedBy: (who: string, when: string) => string;
  problemResolved: (kind: string, room: string) => string;

  /** Google Workspace's service account: connected in the environment or on this page, tried with Google before it is saved. */
  googleHeading: string;
  googleNotConnected: string;
  googleServiceAccount: string;
  googleActsAs: string;
  googleActsAsItself: string;
  googleSetIn: string;
  googleSetInPlaces: Record<'environment' | 'admin-page', string>;
  googleConnectedAt: string;
  googleEnvironmentHint: string;
  googleKeyLabel: string;
  googleKeyHint: string;
  googleSubjectLabel: string;
  googleSubjectHint: string;
  connectGoogle: string;
  replaceGoogleKey: string;
  connectingGoogle: string;
  googleConnected: string;
  disconnectGoogle: string;
  disconnectGoogleConfirm: string;
  googleDisconnected: string;

  /** A new room on a CalDAV server or an ICS feed, its calendar read once before it is added. */
  addRoomHeading: string;
  addRoomIntro: string;
  newRoomCalendar: string;
  newRoomKinds: Record<'caldav' | 'ics', string>;
  newRoomName: string;
  newRoomTimeZone: string;
  collectionUrl: string;
  collectionUrlHint: string;
  feedUrl: string;
  caldavUsername: string;
  caldavPassword: string;
  icsLocalWalkUps: string;
  addRoom: string;
  addingRoom: string;
  roomAdded: (room: string) => string;
  /** On the card of a CalDAV or ICS room added on this page: another address, account or password, tried with the calendar before they replace the old. */
  changeCalendar: string;
  /** `room`: the room's name, for a screen reader. */
  changeCalendarOf: (room: string) => string;
  changeCalendarHint: string;
  newPassword: string;
  saveCalendar: string;
  savingCalendar: string;
  calendarChanged: string;

  auditHeading: string;
  when: string;
  who: string;
  what: string;
  details: string;
  auditActions: Record<AuditAction, string>;
  auditDetails: {
    link: (display: string, room: string) => string;
    unlink: (display: string, room: string) => string;
    /** `room`: the room it showed, null when it was linked to none. */
    forget: (display: string, room: string | null) => string;
    renameDisplay: (display: string, name: string) => string;
    /** `access`: the choice's name (roomAccessNames). */
    roomAccess: (room: string, access: string) => string;
    linkRoom: (room: string, mailbox: string) => string;
    remove: (room: string) => string;
    revoke: (rooms: string) => string;
    connectAccount: (account: string) => string;
    /** `address`: where the browser that used the link connected from, or the text for unknown. */
    signInLink: (address: string) => string;
    removeAccount: (account: string, rooms: string) => string;
    /** `calendar`: where the room's calendar is, as the bridge describes it (a server's address, a feed's site). */
    addRoom: (room: string, calendar: string) => string;
    /** `calendar`: where it is now, as the bridge describes it; `password`: whether its password changed. */
    roomCalendar: (room: string, calendar: string, password: boolean) => string;
    /** `subject`: the user it acts as; null: as itself. */
    connectGoogle: (serviceAccount: string, subject: string | null) => string;
    disconnectGoogle: (serviceAccount: string) => string;
    renewed: (kind: string, until: string) => string;
    renewFailed: (reason: string) => string;
    exported: (room: string, exported: string, refused: string) => string;
    exportFailed: (room: string, reason: string) => string;
    /** A recurring meeting, named by what the room's privacy showed of it when it was recorded (null: hidden). */
    series: (subject: string | null, organizer: string | null) => string;
    /** "2 of 3": a series' no-shows in a row, and how many lose it the room. */
    strikeCount: (strike: string, of: string) => string;
    /** `meeting`: a `series` text; `count`: a `strikeCount` text. */
    noShowStrike: (meeting: string, room: string, count: string) => string;
    /** The series lost the room; `outcome`: seriesDeclined or seriesRemoved. */
    seriesLost: (meeting: string, room: string, outcome: string) => string;
    seriesDeclined: string;
    seriesRemoved: (occurrences: string) => string;
    /** The series reached its no-shows in a row, but its calendar could not let it go (the room organizes it). */
    seriesKept: (meeting: string, room: string) => string;
    /** `kind`: a problemKinds text. */
    resolveProblem: (room: string, kind: string, reportedAt: string) => string;
  };
  noAudit: string;

  /** The Insights section's own texts load with it (i18n/insights); these show before it is opened. */
  insightsHeading: string;
  insightsIntro: string;
  showInsights: string;
  insightsUnavailable: string;
}
