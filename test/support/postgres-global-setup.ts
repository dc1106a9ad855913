import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server.ts';

/** One PostgreSQL for the on-postgres project's run: each test's store is a schema of its own in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.createDatabase());
  return () => server.stop();
}
