import { checkConfigFile } from './config-check.ts';

/** `npm run config:check -- <file>...`: exit 0 when every file is fine, 1 with every problem listed otherwise. */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run config:check -- <rooms.json | lintel.env> [more files]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const problems = checkConfigFile(file);
  if (problems.length === 0) {
    console.log(`ok: ${file}`);
    continue;
  }
  failed = true;
  console.log(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const problem of problems) console.log(`  - ${problem}`);
}
process.exit(failed ? 1 : 0);
