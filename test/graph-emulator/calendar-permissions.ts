import type { RequestHandler } from 'express';
import { roleWrites } from './calendar-sharing.ts';
import { graphError } from './errors.ts';
import { callerOf, requirePermission } from './graph-auth.ts';
import { calendarAccessOf } from './mailbox-access.ts';

type Need = 'read' | 'write';

const APPLICATION: Record<Need, string[]> = { read: ['Calendars.Read', 'Calendars.ReadWrite'], write: ['Calendars.ReadWrite'] };
/**
 * Delegated permissions: any calendar permission reaches the user's own
 * calendar, only the `.Shared` ones a calendar shared with them (Graph docs:
 * concepts/permissions-reference.md, Calendars).
 */
const OWN: Record<Need, string[]> = { read: ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'], write: ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'] };
const SHARED: Record<Need, string[]> = { read: ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'], write: ['Calendars.ReadWrite.Shared'] };

/** Reading a mailbox's calendar: an application permission, or a delegated one that reaches it. */
export const readCalendars = calendarPermission('read');
/** Changing it: for a token acting for a user also a role that writes, when the calendar is shared with them. */
export const writeCalendars = calendarPermission('write');

function calendarPermission(need: Need): RequestHandler {
  const application = requirePermission(APPLICATION[need]);
  return (req, res, next) => {
    const { user, permissions } = callerOf(res);
    if (!user) return application(req, res, next);
    const access = calendarAccessOf(res);
    const scopes = (access === 'owner' ? OWN : SHARED)[need];
    // Graph docs: resources/calendarpermission.md: a `read` sharee sees the events but may not change them.
    const roleAllows = need === 'read' || access === 'owner' || roleWrites(access);
    if (roleAllows && permissions.some((permission) => scopes.includes(permission))) return next();
    graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  };
}
