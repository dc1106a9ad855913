import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const svelteConfig = fileURLToPath(new URL('./svelte.config.js', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [svelte({ configFile: svelteConfig })],
        test: {
          name: 'unit',
          // test/support: the test helpers' own tests.
          include: ['shared/**/*.test.ts', 'bridge/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts', 'test/support/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // The tests whose bridges keep their store in memory, again with PostgreSQL as the store (test/support/test-database.ts).
        test: {
          name: 'on-postgres',
          include: [
            'bridge/src/store/room-store.test.ts',
            'bridge/src/calendars/remote/{calendar-secrets,remote-calendar-engine}.test.ts',
            'bridge/src/pairing/*.test.ts',
            'bridge/src/admin/sign-in-links.test.ts',
            'bridge/src/problems/*.test.ts',
            'bridge/src/rooms/{room-service,no-show-strikes}.test.ts',
            'bridge/src/building/building-board.test.ts',
            'bridge/src/hardware/room-hardware.test.ts',
            'bridge/src/insights/{meeting-recorder,presence-recorder,history-pruner,insights-service}.test.ts',
            'test/integration/{admin-api,admin-integration,building,http-api,insights,operations,socket-push}.test.ts',
            'test/integration/m365-{credentials,day,delegated,delta,export,sync,two-way,warnings}.test.ts',
          ],
          globalSetup: ['test/support/postgres-global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-once.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
