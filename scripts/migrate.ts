// `npm run db:migrate`: applies pending migrations and seeds the built-in price books, against
// DATABASE_URL or the embedded database in DATA_DIR. The service does the same at every start.
import { ConfigError, loadConfig } from '../src/config/env.js'
import { openDatabase } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { seedBuiltinPriceBooks } from '../src/modules/price-books/builtin-books.js'

try {
  const config = loadConfig()
  const database = await openDatabase(config)
  try {
    const report = await database.withConnection((conn) => migrate(conn))
    const seeded = await seedBuiltinPriceBooks(database.prisma)
    process.stdout.write(
      `${database.kind}: applied ${report.applied.length} migration(s)${report.applied.length ? ` (${report.applied.join(', ')})` : ''}, ` +
        `${report.alreadyApplied.length} already applied; built-in price books ${seeded}.\n`,
    )
  } finally {
    await database.close()
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`)
  process.exit(1)
}
