import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The few SQL capabilities the migrator needs; implemented over `pg` and over PGlite. */
export interface MigrationConnection {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>
}

export interface Migration {
  name: string
  sql: string
  /** Hex SHA-256 of the file, as `prisma migrate` computes it. */
  checksum: string
}

export interface MigrationReport {
  applied: string[]
  alreadyApplied: string[]
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url))

/**
 * The advisory lock key `prisma migrate` itself takes, so our migrator and the Prisma CLI (where a
 * machine has its schema engine) also exclude each other.
 */
const PRISMA_MIGRATE_LOCK_KEY = 72707369

// Prisma's own bookkeeping table, created exactly as `prisma migrate deploy` creates it.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

/** Reads `prisma/migrations/<timestamp>_<name>/migration.sql` in name (= time) order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name, 'migration.sql'))
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') }
    }),
  )
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

interface AppliedRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own transaction
 * together with its record, under Prisma's advisory lock so that instances starting together apply
 * each migration once. A migration that is recorded but unfinished, or whose file changed after it
 * was applied, stops the start-up: both need a person.
 */
export async function migrate(conn: MigrationConnection, migrations?: Migration[]): Promise<MigrationReport> {
  const all = migrations ?? (await readMigrations())
  await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY])
  try {
    await conn.exec(CREATE_MIGRATIONS_TABLE)
    const rows = await conn.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    )
    const recorded = new Map<string, AppliedRow>()
    for (const row of rows) if (row.rolled_back_at === null) recorded.set(row.migration_name, row)

    const report: MigrationReport = { applied: [], alreadyApplied: [] }
    for (const migration of all) {
      const row = recorded.get(migration.name)
      if (row) {
        if (row.finished_at === null) {
          throw new MigrationError(
            `migration ${migration.name} started but never finished; resolve it by hand`,
          )
        }
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${migration.name} was modified after it was applied`)
        }
        report.alreadyApplied.push(migration.name)
        continue
      }
      await applyOne(conn, migration)
      report.applied.push(migration.name)
    }
    return report
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY])
  }
}

async function applyOne(conn: MigrationConnection, migration: Migration): Promise<void> {
  await conn.exec('BEGIN')
  try {
    await conn.exec(migration.sql)
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    )
    await conn.exec('COMMIT')
  } catch (error) {
    await conn.exec('ROLLBACK')
    throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`, {
      cause: error,
    })
  }
}
