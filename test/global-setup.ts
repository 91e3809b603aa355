import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's fresh PostgreSQL database, or '' when the suite runs on PGlite. */
    databaseUrl: string
  }
}

/** A URL naming another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/**
 * With DATABASE_URL set, creates a fresh database for this run (so runs never see each other's data)
 * and drops it afterwards; without it, the suite runs on in-memory PGlite and nothing is needed here.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    project.provide('databaseUrl', '')
    return
  }
  const name = `ccp_test_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `DATABASE_URL is set but PostgreSQL is not reachable at ${new URL(serverUrl).host}: ${(error as Error).message}`,
    )
  }
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  project.provide('databaseUrl', withDatabase(serverUrl, name))
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.end()
  }
}
