import { type Database, openDatabase } from '../../src/db/client.js'
import { createDatabase, dropDatabase } from '../global-setup.js'
import { databaseUrl, pgliteTemplate } from './app.js'

/**
 * A brand-new empty database of the kind this run uses (a PostgreSQL database on the run's server,
 * or an in-memory PGlite: a copy of the run's initdb'd template), for tests that need "nothing migrated
 * yet". Dropped by `dispose`.
 */
export async function freshDatabase(): Promise<{
  database: Database
  url: string | undefined
  dispose(): Promise<void>
}> {
  if (!databaseUrl) {
    const template = await pgliteTemplate('empty')
    const database = await openDatabase(
      { DATA_DIR: 'memory://', DATABASE_URL: undefined },
      template ? { pgliteTemplate: template } : {},
    )
    return { database, url: undefined, dispose: () => database.close() }
  }
  const serverUrl = databaseUrl
  const { name, url } = await createDatabase(serverUrl, 'ccp_fresh')
  const database = await openDatabase({ DATA_DIR: 'memory://', DATABASE_URL: url })
  return {
    database,
    url,
    async dispose() {
      await database.close()
      await dropDatabase(serverUrl, name)
    },
  }
}

/**
 * A database of the calling test file's own, for tests that count every row (test files run in parallel
 * and share the run's PostgreSQL database): its URL to pass as DATABASE_URL, dropped by `dispose`. On
 * PGlite every app already has an in-memory database of its own, so the URL is undefined.
 */
export async function ownDatabase(
  prefix: string,
): Promise<{ url: string | undefined; dispose(): Promise<void> }> {
  if (!databaseUrl) return { url: undefined, dispose: async () => {} }
  const serverUrl = databaseUrl
  const { name, url } = await createDatabase(serverUrl, prefix)
  return { url, dispose: () => dropDatabase(serverUrl, name) }
}
