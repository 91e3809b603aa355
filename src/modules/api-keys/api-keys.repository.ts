import type { PrismaClient } from '../../db/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const

/** Prisma queries for organizations and API keys; secrets never pass through here, only hashes. */
export function createApiKeyRepository(db: PrismaClient) {
  return {
    async countKeys(tx: Db = db) {
      return tx.apiKey.count()
    },
    async findOrCreateOrganization(name: string, tx: Db = db) {
      return tx.organization.upsert({
        where: { name },
        create: { name },
        update: {},
        select: { id: true, name: true },
      })
    },
    async create(
      data: {
        organizationId: string
        name: string
        prefix: string
        secretHash: string
        scopes: string[]
        expiresAt: Date | null
      },
      tx: Db = db,
    ) {
      return tx.apiKey.create({ data, select: PUBLIC_FIELDS })
    },
    async list(organizationId: string, limit: number, after: Cursor | undefined, tx: Db = db) {
      return tx.apiKey.findMany({
        where: { organizationId, ...afterCursor(after) },
        select: PUBLIC_FIELDS,
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
    },
    /** The key with this secret hash, with what authentication needs. */
    async findBySecretHash(secretHash: string, tx: Db = db) {
      return tx.apiKey.findUnique({
        where: { secretHash },
        select: {
          id: true,
          organizationId: true,
          name: true,
          scopes: true,
          secretHash: true,
          revokedAt: true,
          expiresAt: true,
          lastUsedAt: true,
        },
      })
    },
    /** Records a use of the key unless one was recorded after `since` (at most one write per interval). */
    async touch(id: string, at: Date, since: Date, tx: Db = db) {
      await tx.apiKey.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] },
        data: { lastUsedAt: at },
      })
    },
    /** Revokes a key of the organization; false when it has no such key. Revoking twice keeps the first time. */
    async revoke(organizationId: string, id: string, at: Date, tx: Db = db) {
      const { count } = await tx.apiKey.updateMany({
        where: { id, organizationId, revokedAt: null },
        data: { revokedAt: at },
      })
      if (count > 0) return true
      return (await tx.apiKey.count({ where: { id, organizationId } })) > 0
    },
  }
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>
export type ApiKeyRow = Awaited<ReturnType<ApiKeyRepository['create']>>
