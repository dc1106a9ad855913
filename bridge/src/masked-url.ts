/** A service's URL as logs and error messages may show it: without its password. */
export function maskedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * A webhook's URL as logs and the admin page may show it: its site only.
 * Chat and incident services put the secret in the path or the query
 * (`https://hooks.slack.com/services/T…/B…/<secret>`), so both are hidden.
 */
export function maskedWebhookUrl(url: string): string {
  const parsed = new URL(url);
  const hidden = parsed.pathname !== '/' || parsed.search !== '' ? '***' : '';
  return `${parsed.protocol}//${parsed.host}/${hidden}`;
}
