import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { maskedWebhookUrl } from './masked-url.ts';

describe('bridge config', () => {
  it('has working defaults', () => {
    const result = parseConfig({});
    expect(result).toMatchObject({ ok: true, data: { port: 8080, logLevel: 'info', demoMeetings: true } });
    if (result.ok) expect(result.data.dataDir).toMatch(/lintel/);
  });

  it('reads the documented variables', () => {
    const result = parseConfig({ PORT: '9001', LINTEL_DATA_DIR: '/tmp/x', LINTEL_TIME_ZONE: 'Asia/Tokyo', LINTEL_DEMO_MEETINGS: 'false' });
    expect(result).toMatchObject({ ok: true, data: { port: 9001, dataDir: '/tmp/x', demoTimeZone: 'Asia/Tokyo', demoMeetings: false } });
  });

  it('reads Google Workspace settings and how often remote calendars are read, and says what a half-done Google setup lacks', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { calendarSyncSeconds: 15, google: null } });
    // Where Google is, also for a service account connected on the admin page.
    expect(parseConfig({ LINTEL_GOOGLE_API_URL: 'https://google-proxy.example.com' })).toMatchObject({ ok: true, data: { google: null, googleApi: { apiUrl: 'https://google-proxy.example.com' } } });
    expect(parseConfig({ LINTEL_CALENDAR_SYNC_SECONDS: '60', LINTEL_GOOGLE_CREDENTIALS_FILE: '/etc/lintel/google-key.json', LINTEL_GOOGLE_SUBJECT: 'admin@example.com' })).toMatchObject({
      ok: true,
      data: {
        calendarSyncSeconds: 60,
        google: { credentialsFile: '/etc/lintel/google-key.json', subject: 'admin@example.com' },
        googleApi: { apiUrl: 'https://www.googleapis.com', tokenUrl: 'https://oauth2.googleapis.com/token' },
      },
    });
    expect(parseConfig({ LINTEL_GOOGLE_SUBJECT: 'admin@example.com', LINTEL_CALENDAR_SYNC_SECONDS: '1' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/LINTEL_CALENDAR_SYNC_SECONDS: .*LINTEL_GOOGLE_CREDENTIALS_FILE: is needed to connect Google Workspace|LINTEL_GOOGLE_CREDENTIALS_FILE: is needed to connect Google Workspace.*LINTEL_CALENDAR_SYNC_SECONDS: /),
    });
  });

  it('lists every problem at once', () => {
    const result = parseConfig({ PORT: 'eighty', LINTEL_LOG_LEVEL: 'loud', LINTEL_TIME_ZONE: 'Nowhere/Land' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('PORT:');
    expect(result.message).toContain('LINTEL_LOG_LEVEL:');
    expect(result.message).toContain('LINTEL_TIME_ZONE:');
  });

  it('takes a PostgreSQL database as the store, and says what a wrong URL should look like', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { databaseUrl: undefined } });
    for (const url of ['postgresql://lintel@db.example.org/lintel', 'postgres://lintel:secret@10.0.0.5:5433/rooms']) {
      expect(parseConfig({ LINTEL_DATABASE_URL: url })).toMatchObject({ ok: true, data: { databaseUrl: url } });
    }
    expect(parseConfig({ LINTEL_DATABASE_URL: 'mysql://db.example.org/lintel' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('LINTEL_DATABASE_URL: must be a postgresql:// URL'),
    });
  });

  it('takes a metrics token, and refuses one too short to be a secret without repeating it', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { metricsToken: undefined } });
    expect(parseConfig({ LINTEL_METRICS_TOKEN: 'c2f6a1e0b9d84e7f' })).toMatchObject({ ok: true, data: { metricsToken: 'c2f6a1e0b9d84e7f' } });
    const result = parseConfig({ LINTEL_METRICS_TOKEN: 'hunter2' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('LINTEL_METRICS_TOKEN: must be at least 16 characters') });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('takes an alert webhook, refuses one that is not http(s) without repeating its secret, and logs its site only', () => {
    const url = 'https://hooks.example.org/services/T0/B0/s3cr3tpath?token=t0k3n';
    expect(parseConfig({})).toMatchObject({ ok: true, data: { alertWebhookUrl: undefined } });
    expect(parseConfig({ LINTEL_ALERT_WEBHOOK_URL: url })).toMatchObject({ ok: true, data: { alertWebhookUrl: url } });
    const result = parseConfig({ LINTEL_ALERT_WEBHOOK_URL: 'ftp://hooks.example.org/s3cr3tpath' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('LINTEL_ALERT_WEBHOOK_URL: must be an http(s) URL') });
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
    expect(maskedWebhookUrl(url)).toBe('https://hooks.example.org/***');
    expect(maskedWebhookUrl('http://user:pw@alerts.local:8000/')).toBe('http://alerts.local:8000/');
  });

  it('reads the other sites whose pages may use the bridge, and names every entry that is not an origin', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { allowedOrigins: [] } });
    expect(parseConfig({ LINTEL_ALLOWED_ORIGINS: 'https://Intranet.example.org/, http://signage.example.org:8000,' })).toMatchObject({
      ok: true,
      data: { allowedOrigins: ['https://intranet.example.org', 'http://signage.example.org:8000'] },
    });
    const result = parseConfig({ LINTEL_ALLOWED_ORIGINS: 'intranet.example.org,https://ok.example.org,https://intranet.example.org/app,null' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('LINTEL_ALLOWED_ORIGINS.0: "intranet.example.org" is not an http(s) origin');
    expect(result.message).toContain('LINTEL_ALLOWED_ORIGINS.2: "https://intranet.example.org/app" is more than an origin: give https://intranet.example.org');
    expect(result.message).toContain('LINTEL_ALLOWED_ORIGINS.3: "null" is not an http(s) origin');
    expect(result.message).not.toContain('ok.example.org');
  });
});

describe('Microsoft 365 config', () => {
  it('is off unless configured, and on with a tenant, a client and a secret', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, data: { microsoft365: null } });
    const on = parseConfig({ LINTEL_M365_TENANT_ID: 't', LINTEL_M365_CLIENT_ID: 'c', LINTEL_M365_CLIENT_SECRET: 's', LINTEL_M365_GRAPH_URL: 'https://127.0.0.1:9443/' });
    expect(on).toMatchObject({
      ok: true,
      data: { microsoft365: { tenantId: 't', clientId: 'c', clientSecret: 's', graphUrl: 'https://127.0.0.1:9443', authorityHost: 'https://login.microsoftonline.com', syncPeriodSeconds: 15, serviceMailbox: null } },
    });
  });

  it('names everything a half-done setup lacks, at once', () => {
    const result = parseConfig({ LINTEL_M365_TENANT_ID: 't', LINTEL_M365_GRAPH_URL: 'http://graph.example', LINTEL_M365_SERVICE_MAILBOX: 'not-an-address' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('LINTEL_M365_CLIENT_ID: is needed');
    expect(result.message).toContain('LINTEL_M365_CLIENT_SECRET: give a client secret');
    expect(result.message).toContain('LINTEL_M365_GRAPH_URL: must be an https URL');
    expect(result.message).toContain('LINTEL_M365_SERVICE_MAILBOX');
  });
});
