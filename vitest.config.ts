import { defineConfig } from 'vitest/config'

// Two tiers: fast unit tests beside the code, and integration tests through HTTP against a real
// database — PGlite in memory by default, the PostgreSQL server named by DATABASE_URL when set (a
// fresh database per run, created and dropped by test/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          sequence: { groupOrder: 0 },
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Unit tests first: fast feedback, and the two tiers never compete for the two cores.
          sequence: { groupOrder: 1 },
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own app (and, on PGlite, its own in-memory database, a copy of the
          // migrated template global-setup builds once per run); two at a time suit the 2-core machines
          // we run on.
          maxWorkers: 2,
        },
      },
    ],
  },
})
