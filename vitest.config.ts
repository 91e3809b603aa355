import { defineConfig } from 'vitest/config'

// Two tiers: fast unit tests beside the code, and integration tests through HTTP against a real
// database — PGlite in memory by default, the PostgreSQL server named by DATABASE_URL when set (a
// fresh database per run, created and dropped by test/global-setup.ts).
export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own app (and, on PGlite, its own in-memory database); two at a time
          // suit the 2-core machines we run on.
          maxWorkers: 2,
        },
      },
    ],
  },
})
