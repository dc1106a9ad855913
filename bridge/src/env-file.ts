/**
 * An environment file as systemd's `EnvironmentFile=` reads it: `KEY=value`
 * lines, `#` comments, blank lines, values optionally in single or double
 * quotes. Anything else is a problem with its line number, not skipped: a
 * line the bridge never sees is a setting the admin thinks is set.
 */
export function parseEnvFile(text: string): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      problems.push(`line ${index + 1}: not a KEY=value line`);
      return;
    }
    const [, key, value] = match as unknown as [string, string, string];
    if (key in values) problems.push(`line ${index + 1}: ${key} is set twice; only the last one counts`);
    values[key] = unquote(value);
  });
  return { values, problems };
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}
