/**
 * A scrape in Prometheus' text format, read the way a monitoring system
 * reads it: each sample as `name{label="value",...}` (labels sorted) with
 * its value, and each metric's TYPE. Throws on a line that is neither.
 */
export function parseMetrics(text: string): { samples: Map<string, number>; types: Map<string, string> } {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line === '' || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const labels = [...(sample[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => `${m[1]}="${m[2]}"`).sort();
    const value = sample[3] === '+Inf' ? Infinity : sample[3] === '-Inf' ? -Infinity : Number(sample[3]);
    samples.set(labels.length ? `${sample[1]}{${labels.join(',')}}` : sample[1]!, value);
  }
  return { samples, types };
}

/** The bridge's metrics now, checked to be served as Prometheus' text format. */
export async function scrape(bridgeUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${bridgeUrl}/api/metrics`);
  if (response.status !== 200) throw new Error(`GET /api/metrics answered ${response.status}`);
  const type = response.headers.get('content-type');
  if (type !== 'text/plain; version=0.0.4; charset=utf-8') throw new Error(`GET /api/metrics answered as ${type}`);
  return parseMetrics(await response.text()).samples;
}
