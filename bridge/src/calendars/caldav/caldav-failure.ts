import { httpFailure, preconditionIn, type HttpProblem } from '../remote/http-failure.ts';
import type { ProviderFailure } from '../remote/remote-provider.ts';

/** A request to the room's CalDAV server that did not do what it asked, as the provider answers it (remote/http-failure.ts). */
export function caldavFailure(url: string, problem: HttpProblem, now: number): ProviderFailure {
  return httpFailure(`the CalDAV server at ${safeUrl(url)}`, problem, now);
}

/** Why a sync-collection REPORT was refused, when it says: its token (start over) or the report itself (use etags). */
export function syncRefusal(status: number, body: string | undefined, sentToken: string): 'token-refused' | 'unsupported' | null {
  const precondition = preconditionIn(body) ?? '';
  // RFC 6578 3.2: DAV:valid-sync-token (403 or 409; iCloud answers 412); one refused with no token means no usable report.
  if (precondition === 'valid-sync-token' || body?.includes('valid-sync-token')) return sentToken === '' ? 'unsupported' : 'token-refused';
  // RFC 3253 3.6: a REPORT the resource does not support is refused with DAV:supported-report.
  if (precondition === 'supported-report' || status === 501 || status === 405) return 'unsupported';
  // Some servers (SabreDAV-based, milton) answer a token or a report they do not know with a bare 400.
  if (status === 400) return sentToken === '' ? 'unsupported' : 'token-refused';
  return null;
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
