/**
 * The roles a calendar owner gives a sharee or delegate in Outlook, as Graph
 * names them (Graph docs: resources/calendarpermission.md, calendarRoleType).
 * Those below `read` show no event details, so they give no access here.
 */
export type CalendarRole = 'read' | 'write' | 'delegateWithoutPrivateEventAccess' | 'delegateWithPrivateEventAccess';

/** Whether a role may create, change and delete events: `write` and both delegate roles (Graph docs: concepts/outlook-share-or-delegate-calendar.md). */
export function roleWrites(role: CalendarRole): boolean {
  return role !== 'read';
}

/** A calendar someone shared with a user: its owner's mailbox address and the user's role. */
export interface CalendarShare {
  ownerAddress: string;
  role: CalendarRole;
}

/**
 * Which mailboxes' default calendars are shared with which users, once the
 * sharee accepted the invitation in Outlook, as Graph sees them: the shared
 * calendar is then in the sharee's calendar list too (Graph docs:
 * concepts/outlook-share-or-delegate-calendar.md).
 */
export class CalendarShares {
  /** By owner address, then sharee user principal name, both in lower case. */
  readonly #roles = new Map<string, Map<string, CalendarRole>>();

  share(ownerAddress: string, shareeUpn: string, role: CalendarRole): void {
    const owner = ownerAddress.toLowerCase();
    const sharees = this.#roles.get(owner) ?? new Map<string, CalendarRole>();
    sharees.set(shareeUpn.toLowerCase(), role);
    this.#roles.set(owner, sharees);
  }

  unshare(ownerAddress: string, shareeUpn: string): void {
    this.#roles.get(ownerAddress.toLowerCase())?.delete(shareeUpn.toLowerCase());
  }

  roleOf(ownerAddress: string, shareeUpn: string): CalendarRole | undefined {
    return this.#roles.get(ownerAddress.toLowerCase())?.get(shareeUpn.toLowerCase());
  }

  /** The calendars shared with a user, in the order they were first shared. */
  sharedWith(shareeUpn: string): CalendarShare[] {
    const sharee = shareeUpn.toLowerCase();
    return [...this.#roles].flatMap(([ownerAddress, sharees]) => {
      const role = sharees.get(sharee);
      return role ? [{ ownerAddress, role }] : [];
    });
  }
}
