import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { Config } from '../config/env.js'
import { PrismaClient } from './generated/client.js'
import type { MigrationConnection } from './migrate.js'

export type { PrismaClient } from './generated/client.js'

/** An open database: the Prisma client the app uses, and a raw connection for migrations. */
export interface Database {
  kind: 'postgres' | 'pglite'
  prisma: PrismaClient
  /** Runs `fn` on a raw SQL connection (migrations, health checks). */
  withConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Opens PostgreSQL through `@prisma/adapter-pg` when DATABASE_URL is set, otherwise the embedded
 * PGlite database in DATA_DIR (`memory://` for a throw-away in-memory one). Everything above this
 * function is the same for both.
 */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR)
}

function openPostgres(connectionString: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) })
  return {
    kind: 'postgres',
    prisma,
    async withConnection(fn) {
      const client = new pg.Client({ connectionString })
      await client.connect()
      try {
        return await fn({
          async query(sql, params) {
            return (await client.query(sql, params as unknown[])).rows
          },
          async exec(sql) {
            await client.query(sql)
          },
        })
      } finally {
        await client.end()
      }
    },
    async close() {
      await prisma.$disconnect()
    },
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://'
  if (!inMemory) await mkdir(dataDir, { recursive: true })
  const pglite = await PGlite.create(inMemory ? undefined : dataDir)
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  const conn: MigrationConnection = {
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[]
    },
    async exec(sql) {
      await pglite.exec(sql)
    },
  }
  return {
    kind: 'pglite',
    prisma,
    withConnection: (fn) => fn(conn),
    async close() {
      await prisma.$disconnect()
      await pglite.close()
    },
  }
}
