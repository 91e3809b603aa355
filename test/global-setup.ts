import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { TestProject } from 'vitest/node'
import { PrismaClient } from '../src/db/generated/client.js'
import { type MigrationConnection, migrate, readMigrations } from '../src/db/migrate.js'
import { seedBuiltinPriceBooks } from '../src/modules/price-books/builtin-books.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's fresh PostgreSQL database, or '' when the suite runs on PGlite. */
    databaseUrl: string
    /** On PGlite, this run's data-directory tarballs (see {@link buildPgliteTemplates}); null on PostgreSQL. */
    pgliteTemplates: PgliteTemplates | null
  }
}

/** Files holding PGlite data directories (PGlite `dumpDataDir` tarballs) that test databases start from. */
export interface PgliteTemplates {
  /** Just initdb'd: what a brand-new database is (migrations tests). */
  empty: string
  /** Migrated and seeded, as `buildApp` leaves a new database (every test app). */
  migrated: string
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

async function dumpTo(pglite: PGlite, file: string): Promise<void> {
  await pglite.exec('CHECKPOINT')
  const tarball = await pglite.dumpDataDir('none')
  await writeFile(file, new Uint8Array(await tarball.arrayBuffer()))
}

/**
 * Runs initdb once, then the migrations and the built-in price-book seed exactly as `buildApp` does, and
 * writes the data directory at both points into `dir`. Every test app then opens a copy of the migrated
 * one (`openDatabase`'s `pgliteTemplate`: no initdb, and `buildApp`'s migrate and seed find nothing to
 * do) instead of running initdb and the migrations again. Built from `prisma/migrations` at every start,
 * so the templates always match the migrations; nothing of them is ever committed.
 */
export async function buildPgliteTemplates(dir: string): Promise<PgliteTemplates> {
  const templates: PgliteTemplates = { empty: join(dir, 'empty.tar'), migrated: join(dir, 'migrated.tar') }
  const pglite = await PGlite.create()
  try {
    await dumpTo(pglite, templates.empty)
    const conn: MigrationConnection = {
      async query(sql, params) {
        return (await pglite.query(sql, params)).rows as never[]
      },
      async exec(sql) {
        await pglite.exec(sql)
      },
    }
    await migrate(conn)
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
    try {
      await seedBuiltinPriceBooks(prisma)
    } finally {
      await prisma.$disconnect()
    }
    await dumpTo(pglite, templates.migrated)
  } finally {
    await pglite.close()
  }
  return templates
}

/** What the migrated template depends on: the migrations, by name and checksum. */
async function migrationsKey(): Promise<string> {
  return (await readMigrations()).map((m) => `${m.name}:${m.checksum}`).join('\n')
}

/**
 * With DATABASE_URL set, creates a fresh database for this run (so runs never see each other's data)
 * and drops it afterwards. Without it, the suite runs on in-memory PGlite databases, started from the
 * templates built here once per run (again when watch mode re-runs tests after a migration changed)
 * and removed afterwards.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    project.provide('databaseUrl', '')
    const dir = await mkdtemp(join(tmpdir(), 'ccp-pglite-templates-'))
    const removeDir = () => rm(dir, { recursive: true, force: true })
    try {
      let builtFor = await migrationsKey()
      project.provide('pgliteTemplates', await buildPgliteTemplates(dir))
      project.onTestsRerun(async () => {
        const key = await migrationsKey()
        if (key === builtFor) return
        project.provide('pgliteTemplates', await buildPgliteTemplates(dir))
        builtFor = key
      })
    } catch (error) {
      await removeDir()
      throw error
    }
    return removeDir
  }
  project.provide('pgliteTemplates', null)
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
