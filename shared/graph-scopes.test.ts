import { describe, expect, it } from 'vitest';
import { graphDefaultScope, graphScope } from './graph-scopes.ts';

describe('Graph scopes follow the cloud', () => {
  it('names the global cloud by default and each national cloud by its own endpoint', () => {
    expect(graphDefaultScope('https://graph.microsoft.com')).toBe('https://graph.microsoft.com/.default');
    expect(graphDefaultScope('https://graph.microsoft.us/')).toBe('https://graph.microsoft.us/.default');
    expect(graphScope('https://microsoftgraph.chinacloudapi.cn/v1.0', 'Place.Read.All')).toBe('https://microsoftgraph.chinacloudapi.cn/Place.Read.All');
  });
});
