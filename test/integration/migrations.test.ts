import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../../src/db/migrate.js'
import { databaseKind } from '../helpers/app.js'
import { freshDatabase } from '../helpers/databases.js'

interface MigrationRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  applied_steps_count: number
  rolled_back_at: Date | null
}

describe(`migrations on ${databaseKind}`, () => {
  it('apply every migration on a fresh database and record them as prisma migrate deploy does', async () => {
    const fresh = await freshDatabase()
    try {
      const migrations = await readMigrations()
      const report = await fresh.database.withConnection((conn) => migrate(conn))
      expect(report.applied).toEqual(migrations.map((m) => m.name))
      const rows = await fresh.database.withConnection((conn) =>
        conn.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name'),
      )
      expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name))
      for (const row of rows) {
        const file = await readFile(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'))
        expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'))
        expect(row.finished_at).not.toBeNull()
        expect(row.rolled_back_at).toBeNull()
        expect(row.applied_steps_count).toBe(1)
      }
    } finally {
      await fresh.dispose()
    }
  })

  it('are never re-applied', async () => {
    const fresh = await freshDatabase()
    try {
      await fresh.database.withConnection((conn) => migrate(conn))
      const again = await fresh.database.withConnection((conn) => migrate(conn))
      expect(again.applied).toEqual([])
      expect(again.alreadyApplied.length).toBeGreaterThan(0)
      const rows = await fresh.database.withConnection((conn) =>
        conn.query<{ count: string }>('SELECT count(*)::text AS count FROM "_prisma_migrations"'),
      )
      expect(Number(rows[0]?.count)).toBe(again.alreadyApplied.length)
    } finally {
      await fresh.dispose()
    }
  })

  it('refuse to start when an applied migration was edited afterwards', async () => {
    const fresh = await freshDatabase()
    try {
      await fresh.database.withConnection((conn) => migrate(conn))
      const edited = (await readMigrations()).map((m) => ({ ...m, checksum: 'f'.repeat(64) }))
      await expect(fresh.database.withConnection((conn) => migrate(conn, edited))).rejects.toThrow(
        MigrationError,
      )
    } finally {
      await fresh.dispose()
    }
  })

  it('roll a failing migration back completely and leave no record of it', async () => {
    const fresh = await freshDatabase()
    try {
      const broken = [
        ...(await readMigrations()),
        {
          name: '29990101000000_broken',
          sql: 'CREATE TABLE "Half" (id int); SELECT * FROM no_such_table;',
          checksum: 'a'.repeat(64),
        },
      ]
      await expect(fresh.database.withConnection((conn) => migrate(conn, broken))).rejects.toThrow(
        /29990101000000_broken/,
      )
      const tables = await fresh.database.withConnection((conn) =>
        conn.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'Half'`,
        ),
      )
      expect(tables[0]?.n).toBe('0')
      const rows = await fresh.database.withConnection((conn) =>
        conn.query<MigrationRow>(
          `SELECT * FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
        ),
      )
      expect(rows).toEqual([])
    } finally {
      await fresh.dispose()
    }
  })

  it.runIf(databaseKind === 'postgres')(
    'apply each migration once when several instances start together',
    async () => {
      const fresh = await freshDatabase()
      const instances = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase({ DATA_DIR: 'memory://', DATABASE_URL: fresh.url })),
      )
      try {
        const reports = await Promise.all(instances.map((db) => db.withConnection((conn) => migrate(conn))))
        const applied = reports.flatMap((r) => r.applied)
        expect(applied).toEqual((await readMigrations()).map((m) => m.name))
        const rows = await fresh.database.withConnection((conn) =>
          conn.query<MigrationRow>('SELECT * FROM "_prisma_migrations"'),
        )
        expect(rows).toHaveLength(applied.length)
      } finally {
        await Promise.all(instances.map((db) => db.close()))
        await fresh.dispose()
      }
    },
  )
})
