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

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates an empty database on the server and returns its URL. */
export async function createDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`
  await onServer(serverUrl, `CREATE DATABASE "${name}"`)
  return { name, url: withDatabase(serverUrl, name) }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
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
  let created: { name: string; url: string }
  try {
    created = await createDatabase(serverUrl, 'ccp_test')
  } catch (error) {
    throw new Error(
      `DATABASE_URL is set but PostgreSQL is not usable at ${new URL(serverUrl).host}: ${(error as Error).message}`,
    )
  }
  project.provide('databaseUrl', created.url)
  return () => dropDatabase(serverUrl, created.name)
}
