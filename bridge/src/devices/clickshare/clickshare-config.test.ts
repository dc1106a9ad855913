import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClickShareConfig } from '../../../../shared/clickshare-config.ts';

const problem = (clickshare: unknown) => {
  const parsed = ClickShareConfig.safeParse(clickshare);
  return parsed.success ? null : z.prettifyError(parsed.error);
};

describe('a room\'s "clickshare" in the rooms file', () => {
  it('reads it as issue 21 gives it, on port 4003 unless told', () => {
    expect(ClickShareConfig.parse({ host: '10.0.0.7', username: 'admin', passwordFile: '/etc/lintel/clickshare.password' })).toEqual({
      host: '10.0.0.7',
      port: 4003,
      username: 'admin',
      passwordFile: '/etc/lintel/clickshare.password',
    });
    expect(ClickShareConfig.parse({ host: 'cs-harbour.contoso.com', port: 4443, username: 'integrator', passwordFile: '/p', caFile: '/etc/lintel/contoso-ca.pem' })).toMatchObject({ port: 4443, caFile: '/etc/lintel/contoso-ca.pem' });
  });

  it('says plainly what is missing or wrong', () => {
    expect(problem({ host: '10.0.0.7', username: 'admin' })).toMatch(/passwordFile/);
    expect(problem({ host: 'https://10.0.0.7', username: 'admin', passwordFile: '/p' })).toMatch(/no "https:\/\/", no path/);
    expect(problem({ host: '10.0.0.7', username: 'ad:min', passwordFile: '/p' })).toMatch(/a user name without ":"/);
    expect(problem({ host: '10.0.0.7', username: 'admin', passwordFile: '/p', port: 0 })).toMatch(/port/);
    expect(problem({ host: '10.0.0.7', username: 'admin', password: 'inline', passwordFile: '/p' })).toMatch(/Unrecognized key: "password"/);
  });

  it('describes every field for the published JSON Schema', () => {
    const schema = z.toJSONSchema(ClickShareConfig, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    expect(Object.keys(schema.properties)).toEqual(['host', 'port', 'username', 'passwordFile', 'caFile']);
    for (const [name, field] of Object.entries(schema.properties)) expect(field.description, name).toBeTruthy();
  });
});
