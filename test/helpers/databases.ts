import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/db/client.js'
import { withDatabase } from '../global-setup.js'
import { databaseUrl } from './app.js'

/**
 * A brand-new empty database of the kind this run uses (a PostgreSQL database on the run's server,
 * or an in-memory PGlite), for tests that need "nothing migrated yet". Dropped by `dispose`.
 */
export async function freshDatabase(): Promise<{
  database: Database
  url: string | undefined
  dispose(): Promise<void>
}> {
  if (!databaseUrl) {
    const database = await openDatabase({ DATA_DIR: 'memory://', DATABASE_URL: undefined })
    return { database, url: undefined, dispose: () => database.close() }
  }
  const name = `ccp_fresh_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = withDatabase(databaseUrl, name)
  const database = await openDatabase({ DATA_DIR: 'memory://', DATABASE_URL: url })
  return {
    database,
    url,
    async dispose() {
      await database.close()
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}
