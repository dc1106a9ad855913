import { config } from 'zod/v4/core';

// Zod builds each object schema's parser with `new Function` unless told not to, and probes for it as each schema is
// made: under the bridge's CSP (no 'unsafe-eval') even the caught probe is a securitypolicyviolation. Jitless parses
// without it ($ZodConfig.jitless, "useful in environments that disallow eval": https://github.com/colinhacks/zod/blob/main/packages/zod/src/v4/core/core.ts).
// Imported first by each page entry whose chunks make schemas: a module's imports run in order, before its own code.
config({ jitless: true });
