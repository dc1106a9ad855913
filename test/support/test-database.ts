import { inject } from 'vitest';
import { openPostgresDatabase } from '../../bridge/src/store/postgres-database.ts';
import type { SqlDatabase } from '../../bridge/src/store/sql-database.ts';
import { openMemoryDatabase } from '../../bridge/src/store/sqlite-database.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the on-postgres project (test/support/postgres-global-setup.ts): the database its tests' stores live in. */
    postgresUrl?: string;
  }
}

let schemas = 0;
/** One connection per test worker makes the tests' schemas: a test opens only its own. */
let schemaMaker: SqlDatabase | undefined;

/**
 * A new, empty store for one test: SQLite in memory, or, in the on-postgres
 * project, a schema of its own in the PostgreSQL it started. The same tests
 * then hold both engines to the same behaviour.
 */
export function openTestDatabase(): SqlDatabase {
  // Benchmarks start in-process bridges outside vitest, where nothing is injected: SQLite in memory.
  const url = process.env.VITEST ? inject('postgresUrl') : undefined;
  if (url === undefined) return openMemoryDatabase();
  const schema = `test_${process.pid}_${++schemas}`;
  schemaMaker ??= openPostgresDatabase(url, systemClock);
  schemaMaker.exec(`CREATE SCHEMA ${schema}`);
  const inSchema = new URL(url);
  inSchema.searchParams.set('options', `-csearch_path=${schema}`);
  return openPostgresDatabase(inSchema.toString(), systemClock);
}
