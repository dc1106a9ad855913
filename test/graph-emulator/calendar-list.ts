import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { readCalendars } from './calendar-permissions.ts';
import { roleWrites, type CalendarRole } from './calendar-sharing.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { callerOf } from './graph-auth.ts';
import { calendarAccessOf, mailboxOf } from './mailbox-access.ts';
import type { EmulatedMailbox } from './tenant.ts';

/** What a calendar looks like to whoever lists it. */
interface CalendarView {
  id: string;
  name: string;
  owner: EmulatedMailbox;
  isDefaultCalendar: boolean;
  /** The lister's role on someone else's calendar; none for their own. */
  role: CalendarRole | undefined;
}

/**
 * `GET /users/{id}/calendars` (Graph docs: api/user-list-calendars.md): a
 * mailbox's default calendar, then the calendars shared with its user, each
 * as its own entry of the list, named after and owned by the sharer (Graph
 * docs: concepts/outlook-share-or-delegate-calendar.md, "Sharee or
 * delegate"). A sharee listing the owner's mailbox sees only the shared
 * default calendar.
 */
export function calendarListRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.get('/users/:user/calendars', readCalendars, (req, res) => {
    const mailbox = mailboxOf(res);
    const { user, permissions } = callerOf(res);
    const access = user ? calendarAccessOf(res) : 'owner';
    const own: CalendarView = { id: calendarId(mailbox.emailAddress), name: 'Calendar', owner: mailbox, isDefaultCalendar: true, role: access === 'owner' ? undefined : access };
    // Calendars shared with the user are theirs to list with a `.Shared` permission (Graph docs: concepts/outlook-create-event-in-shared-delegated-calendar.md, step 1).
    const listsShared = access === 'owner' && (!user || permissions.some((permission) => permission.endsWith('.Shared')));
    const shared = listsShared
      ? tenant.calendarShares.sharedWith(mailbox.emailAddress).flatMap(({ ownerAddress, role }): CalendarView[] => {
          const owner = tenant.mailbox(ownerAddress);
          return owner ? [{ id: calendarId(mailbox.emailAddress, owner.emailAddress), name: owner.displayName, owner, isDefaultCalendar: false, role }] : [];
        })
      : [];
    res.json({ '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#users('${req.params.user}')/calendars`, value: [own, ...shared].map(calendarJson) });
  });

  return router;
}

/** Graph docs: resources/calendar.md. The owner may do everything; a sharee what the role gives, and share nothing on. */
function calendarJson(view: CalendarView): object {
  const { id, name, owner, isDefaultCalendar, role } = view;
  return {
    id,
    name,
    color: 'auto',
    // Empty until the user picks a color.
    hexColor: '',
    isDefaultCalendar,
    changeKey: createHash('sha256').update(`changeKey:${id}`).digest('base64').slice(0, 24),
    canShare: role === undefined,
    canViewPrivateItems: role === undefined || role === 'delegateWithPrivateEventAccess',
    canEdit: role === undefined || roleWrites(role),
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    // A default calendar stays; a shared calendar added to someone's list can be removed from it.
    isRemovable: !isDefaultCalendar,
    owner: { name: owner.displayName, address: owner.emailAddress },
  };
}

/** A stable id for a mailbox's default calendar, or for the entry a calendar shared from `sharer` has in the mailbox's list. */
function calendarId(mailboxAddress: string, sharer?: string): string {
  return `AAMk${createHash('sha256').update(`${mailboxAddress.toLowerCase()}:${sharer?.toLowerCase() ?? ''}`).digest('base64url')}`;
}
