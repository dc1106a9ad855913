import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemas } from './config-schemas.ts';
import { projectRoot } from './project-root.ts';

/** `npm run config:schema`: writes kiosk-config/schema/ anew after the config schemas changed. */
for (const [name, schema] of Object.entries(configSchemas())) {
  const path = join(projectRoot(), 'kiosk-config', 'schema', name);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
