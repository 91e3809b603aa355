// Configuration for the Prisma CLI only (the service itself never reads it).
// Migrations are applied by the service (src/db/migrate.ts), because the CLI's schema engine
// cannot be downloaded on our machines; `prisma migrate status` still works where it can.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
})
